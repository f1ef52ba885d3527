#!/usr/bin/env python3
"""Fails when a user-visible string is not translated in every language of po/LINGUAS.

1. Every source file that marks strings for translation must be listed in po/POTFILES.in.
2. The strings extracted from POTFILES.in (as `ninja permitdesk-pot` would) must all have a
   translation, neither missing nor fuzzy, in each po/<lang>.po; msgfmt --check must pass.
"""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
po_dir = os.path.join(root, 'po')
marks = re.compile(r'(\b_\(|\bN_\(|\bC_\(|\bNC_\(|\bngettext\s*\(|translatable="yes"|<summary>|<p>|Name=|Comment=)')

with open(os.path.join(po_dir, 'POTFILES.in'), encoding='utf-8') as f:
    listed = {line.strip() for line in f if line.strip() and not line.startswith('#')}

failures = []
for top in ('src', 'data'):
    for dirpath, _dirs, files in os.walk(os.path.join(root, top)):
        for name in files:
            if not name.endswith(('.c', '.ui', '.desktop.in.in', '.metainfo.xml.in.in', '.gschema.xml')):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding='utf-8', errors='replace') as f:
                if marks.search(f.read()) and rel not in listed:
                    failures.append(f'{rel}: marks strings for translation but is not in po/POTFILES.in')
for rel in sorted(listed):
    if not os.path.exists(os.path.join(root, rel)):
        failures.append(f'po/POTFILES.in lists {rel}, which does not exist')

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'permitdesk.pot')
    subprocess.run(
        ['xgettext', '--package-name=permitdesk', '-D', root, '-f', os.path.join(po_dir, 'POTFILES.in'),
         '--from-code=UTF-8', '--add-comments', '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2',
         '--keyword=NC_:1c,2', '--keyword=g_dngettext:2,3', '--keyword=ngettext:1,2',
         '--flag=g_strdup_printf:1:c-format', '--flag=g_set_error:4:c-format',
         '-o', pot], check=True)
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f for w in line.split() if not line.startswith('#')]
    for lang in languages:
        po = os.path.join(po_dir, lang + '.po')
        merged = os.path.join(tmp, lang + '.po')
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, po, pot], check=True)
        check = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, merged],
                               capture_output=True, text=True)
        stats = check.stderr.strip()
        print(f'{lang}: {stats}')
        if check.returncode != 0:
            failures.append(f'{lang}.po: msgfmt --check failed: {stats}')
        if 'untranslated' in stats or 'fuzzy' in stats:
            missing = subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', merged],
                                     capture_output=True, text=True).stdout
            fuzzy = subprocess.run(['msgattrib', '--only-fuzzy', '--no-obsolete', merged],
                                   capture_output=True, text=True).stdout
            failures.append(f'{lang}.po is incomplete ({stats}):\n{missing}{fuzzy}')

for failure in failures:
    print('FAIL:', failure)
sys.exit(1 if failures else 0)
