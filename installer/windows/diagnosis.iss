; Inno Setup 6 script: a per-user installer (no administrator rights), Chinese and English,
; with a start-menu entry and the .diagpkg package association. Build steps: installer/README.md.
;   iscc /DAppVersion=0.1.0 installer\windows\diagnosis.iss

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z (it must equal diagnosis/__init__.py)
#endif

[Setup]
AppId={{6F0D5E7A-2C1B-4B8E-9A61-3D7C0F4B9E25}
AppName={cm:AppName}
AppVersion={#AppVersion}
AppVerName={cm:AppName} {#AppVersion}
AppPublisher=diagnosis
DefaultDirName={localappdata}\Programs\diagnosis
DefaultGroupName={cm:AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\build
OutputBaseFilename=diagnosis-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\diagnosis-gui.exe
LicenseFile=..\..\resources\fonts\OFL.txt

[Languages]
; ChineseSimplified.isl is one of Inno Setup's maintained unofficial translations: put it beside
; this script before compiling (see installer/README.md).
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AppName=数字化水平自诊断
english.AppName=Digital maturity self-diagnosis
chinesesimplified.PackageType=数字化诊断评估包
english.PackageType=Digital diagnosis package

[Files]
Source: "..\..\build\dist\diagnosis\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppName}"; Filename: "{app}\diagnosis-gui.exe"
Name: "{autodesktop}\{cm:AppName}"; Filename: "{app}\diagnosis-gui.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; Per-user file association (HKCU): double-clicking a package imports it into the app.
Root: HKA; Subkey: "Software\Classes\.diagpkg"; ValueType: string; ValueName: ""; ValueData: "Diagnosis.Package"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Diagnosis.Package"; ValueType: string; ValueName: ""; ValueData: "{cm:PackageType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Diagnosis.Package\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\diagnosis-gui.exe,0"
Root: HKA; Subkey: "Software\Classes\Diagnosis.Package\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\diagnosis-gui.exe"" --open ""%1"""

[Run]
Filename: "{app}\diagnosis-gui.exe"; Description: "{cm:LaunchProgram,{cm:AppName}}"; Flags: nowait postinstall skipifsilent
