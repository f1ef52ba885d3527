#!/usr/bin/env python3
"""Checks the Flatpak manifest: every module builds from a pinned source with a checksum,
and the sandbox asks for no more than PermitDesk needs."""
import re
import shutil
import subprocess
import sys

import yaml

path = sys.argv[1]
failures = []

if shutil.which('flatpak-builder'):
    shown = subprocess.run(['flatpak-builder', '--show-manifest', path], capture_output=True, text=True)
    if shown.returncode != 0:
        failures.append(f'flatpak-builder --show-manifest failed: {shown.stderr.strip()}')

with open(path, encoding='utf-8') as f:
    manifest = yaml.safe_load(f)

for key in ('app-id', 'runtime', 'runtime-version', 'sdk', 'command', 'modules', 'finish-args'):
    if key not in manifest:
        failures.append(f'missing top-level key {key}')

forbidden = {'--device=all', '--filesystem=host', '--filesystem=home', '--socket=session-bus',
             '--socket=system-bus', '--talk-name=org.freedesktop.Flatpak'}
for arg in manifest.get('finish-args', []):
    if arg in forbidden:
        failures.append(f'finish-arg {arg} is broader than needed')

for module in manifest.get('modules', []):
    if isinstance(module, str):
        failures.append(f'module file {module}: keep modules inline so they can be checked')
        continue
    name = module.get('name', '?')
    sources = module.get('sources', [])
    if not sources:
        failures.append(f'module {name} has no sources')
    for source in sources:
        kind = source.get('type')
        if kind == 'dir' and name == 'permitdesk':
            continue
        if kind in ('archive', 'file'):
            if not re.fullmatch(r'[0-9a-f]{64}', str(source.get('sha256', ''))):
                failures.append(f'module {name}: {kind} source without a sha256')
            if not str(source.get('url', '')).startswith('https://'):
                failures.append(f'module {name}: source not fetched over https')
        elif kind == 'git':
            if not re.fullmatch(r'[0-9a-f]{40}', str(source.get('commit', ''))):
                failures.append(f'module {name}: git source not pinned to a commit')
        else:
            failures.append(f'module {name}: source type {kind} cannot be pinned')

for failure in failures:
    print('FAIL:', failure)
print('manifest ok' if not failures else f'{len(failures)} problems')
sys.exit(1 if failures else 0)
