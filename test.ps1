# Cài các gói kiểm thử vào .venv rồi chạy toàn bộ kiểm thử (Windows PowerShell):
#   powershell -ExecutionPolicy Bypass -File test.ps1
# Kiểm thử trình duyệt dùng Microsoft Edge hoặc Google Chrome có sẵn trên máy (cùng lõi Chromium).
Set-Location $PSScriptRoot
. .\scripts\venv.ps1
if (-not $env:CHROMIUM_PATH) {
    $browsers = @("${env:ProgramFiles(x86)}\Microsoft\Edge\Application\msedge.exe",
                  "$env:ProgramFiles\Microsoft\Edge\Application\msedge.exe",
                  "$env:ProgramFiles\Google\Chrome\Application\chrome.exe",
                  "$env:LOCALAPPDATA\Google\Chrome\Application\chrome.exe")
    $found = $browsers | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $found) { Fail "Không thấy Edge hoặc Chrome: cài một trong hai, hoặc đặt biến CHROMIUM_PATH tới trình duyệt." }
    $env:CHROMIUM_PATH = $found
}
Ensure-Venv "requirements-test.txt"
New-Item -ItemType Directory -Force -Path artifacts | Out-Null
& .venv\Scripts\python.exe -m pytest --junitxml=artifacts/junit.xml @args
exit $LASTEXITCODE
