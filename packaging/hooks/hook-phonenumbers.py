"""Replaces pyinstaller-hooks-contrib's hook, which collects every phonenumbers module:
the desk parses, checks and formats numbers, and needs neither the geocoder, the carrier
nor the time-zone tables (~40 MB of modules, excluded in kcp-desk.spec)."""

from PyInstaller.utils.hooks import collect_submodules

_UNUSED = ("phonenumbers.geo", "phonenumbers.carrier", "phonenumbers.timezone", "phonenumbers.tz")

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(_UNUSED))
