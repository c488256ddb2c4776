# Build the Windows installer on a Windows 10/11 x64 machine (PowerShell, from the repository root):
#   powershell -ExecutionPolicy Bypass -File installer\windows\build_windows.ps1
# Needs: Python 3.11+ x64 (python.org, build machine only), Inno Setup 6 (iscc on PATH), and
# installer\windows\ChineseSimplified.isl (see installer\README.md).
$ErrorActionPreference = "Stop"
$version = (Select-String -Path diagnosis\__init__.py -Pattern '__version__ = "(.*)"').Matches[0].Groups[1].Value
py -3 -m venv build\venv
build\venv\Scripts\python -m pip install --upgrade pip
build\venv\Scripts\pip install -c installer\constraints.txt . pyinstaller
build\venv\Scripts\pyinstaller --noconfirm --clean --distpath build\dist --workpath build\work installer\diagnosis.spec
# The frozen program must work before it is packed.
build\dist\diagnosis\diagnosis.exe --version
build\dist\diagnosis\diagnosis.exe list
build\dist\diagnosis\diagnosis.exe demo -o build\demo.pdf
build\dist\diagnosis\diagnosis.exe verify build\demo.pdf
iscc "/DAppVersion=$version" installer\windows\diagnosis.iss
Write-Host "build\diagnosis-setup-$version.exe"
