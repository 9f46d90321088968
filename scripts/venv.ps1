# Shared by run.ps1 and test.ps1 (dot-sourced): a virtual environment in .venv with the pinned packages (Windows).

function Fail($message) { Write-Error "Lỗi: $message"; exit 1 }

# Makes .venv with Python 3.11 or newer (the py launcher of python.org) and installs the requirements file when
# any requirements file changed since the last install.
function Ensure-Venv($requirements) {
    $python = ".venv\Scripts\python.exe"
    if (-not (Test-Path $python)) {
        $made = $false
        foreach ($version in "-3.13", "-3.12", "-3.11") {
            py $version -m venv .venv 2>$null
            if ($LASTEXITCODE -eq 0) { $made = $true; break }
        }
        if (-not $made) { Fail "Cần Python 3.11 trở lên từ python.org (có lệnh py)." }
    }
    $stamp = ".venv\installed-" + [IO.Path]::GetFileNameWithoutExtension($requirements)
    $text = (Get-ChildItem requirements*.txt | Sort-Object Name | Get-Content -Raw) -join ""
    $bytes = [Text.Encoding]::UTF8.GetBytes($text)
    $wanted = -join ([Security.Cryptography.SHA256]::Create().ComputeHash($bytes) | ForEach-Object { $_.ToString("x2") })
    if (-not (Test-Path $stamp) -or (Get-Content $stamp -Raw).Trim() -ne $wanted) {
        Write-Host "Đang cài các gói Python vào .venv ($requirements)…"
        & $python -m pip install --quiet --disable-pip-version-check -r $requirements
        if ($LASTEXITCODE -ne 0) { Fail "Không cài được các gói trong $requirements (xem lỗi của pip ở trên)." }
        Set-Content -Path $stamp -Value $wanted
    }
}
