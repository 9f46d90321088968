# Cài các gói Python vào .venv (chỉ khi requirements.txt đổi) rồi chạy ứng dụng (Windows PowerShell):
#   powershell -ExecutionPolicy Bypass -File run.ps1
Set-Location $PSScriptRoot
. .\scripts\venv.ps1
Ensure-Venv "requirements.txt"
& .venv\Scripts\python.exe -m streamlit run app.py @args
exit $LASTEXITCODE
