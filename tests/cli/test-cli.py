#!/usr/bin/env python3
"""`permitdesk --decode` and `permitdesk --verify` as a user runs them: the real binary, a
freshly made test PKI (tools/permitdesk-sign), a real QR image (qrencode) and real exit codes."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

PERMITDESK = sys.argv.pop(1)
SIGN = sys.argv.pop(1)

MSG = {"msg": {"category": "B", "dob": "1988-08-08", "employer": "示例科技（北京）有限公司",
               "issued": "2025-12-15", "name_latin": "WANG XIAOMING", "name_zh": "王小明",
               "nationality": "CAN", "no": "110000202600000001",
               "valid_from": "2026-01-01", "valid_until": "2036-12-31"}}


def run(*args, env):
    return subprocess.run([PERMITDESK, *args], capture_output=True, text=True, env=env, timeout=60)


class Cli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        d = cls.tmp.name
        trust = os.path.join(d, 'trust')
        os.mkdir(trust)
        keys = os.path.join(d, 'keys')
        os.mkdir(keys)

        def sign(*args, stdin=None):
            return subprocess.run([SIGN, *args], check=True, capture_output=True, text=True, input=stdin).stdout

        ca, ca_key = os.path.join(trust, 'ca.pem'), os.path.join(keys, 'ca.key')
        signer, signer_key = os.path.join(trust, 'signer.pem'), os.path.join(keys, 'signer.key')
        sign('make-ca', '--cert', ca, '--key', ca_key, '--name', 'Test CA')
        sign('make-signer', '--ca-cert', ca, '--ca-key', ca_key, '--cert', signer, '--key', signer_key)
        sign('make-crl', '--ca-cert', ca, '--ca-key', ca_key, '--out', os.path.join(trust, 'ca.crl'))
        cls.code = sign('sign', '--cert', signer, '--key', signer_key, stdin=json.dumps(MSG['msg'])).strip()
        cls.code_file = os.path.join(d, 'code.txt')
        with open(cls.code_file, 'w', encoding='utf-8') as f:
            f.write(cls.code)
        cls.png = os.path.join(d, 'code.png')
        subprocess.run(['qrencode', '-8', '-s', '6', '-o', cls.png, cls.code], check=True)
        cls.env = dict(os.environ, PERMITDESK_TRUST_DIR=trust, PERMITDESK_DATA_DIR=os.path.join(d, 'data'))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_verify_valid_code_text(self):
        r = run('--verify', self.code, env=self.env)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        verdict = json.loads(r.stdout)
        self.assertEqual(verdict['overall'], 'valid')
        self.assertEqual(verdict['fields']['name_zh'], '王小明')

    def test_verify_image_scans_and_verifies(self):
        r = run('--verify', self.png, env=self.env)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        verdict = json.loads(r.stdout)
        self.assertEqual(verdict['overall'], 'valid')
        self.assertEqual(verdict['file'], self.png)

    def test_verify_tampered_code_is_invalid(self):
        tampered = self.code.replace('WANG XIAOMING', 'WANG XIAOMINH')
        r = run('--verify', tampered, env=self.env)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertEqual(json.loads(r.stdout)['overall'], 'invalid')

    def test_verify_bare_number_needs_a_check(self):
        r = run('--verify', '110000202600000001', env=self.env)
        self.assertEqual(r.returncode, 2, r.stdout)
        self.assertEqual(json.loads(r.stdout)['overall'], 'check-needed')

    def test_verify_several_inputs_worst_wins(self):
        r = run('--verify', self.code_file, 'not a permit', env=self.env)
        self.assertEqual(r.returncode, 1)
        results = json.loads(r.stdout)
        self.assertEqual([v['overall'] for v in results], ['valid', 'invalid'])

    def test_decode_prints_the_exact_text(self):
        r = run('--decode', self.png, env=self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        line = json.loads(r.stdout.splitlines()[0])
        self.assertEqual(line['text'], self.code)
        self.assertEqual(line['file'], self.png)
        self.assertEqual(len(line['corners']), 4)

    def test_decode_file_without_code_says_so(self):
        r = run('--decode', self.code_file, env=self.env)
        self.assertEqual(r.returncode, 1)
        self.assertIn('error', json.loads(r.stdout.splitlines()[0]))

    def test_usage_errors(self):
        self.assertEqual(run('--decode', env=self.env).returncode, 2)
        self.assertEqual(run('--verify', env=self.env).returncode, 2)
        self.assertEqual(run(self.png, env=self.env).returncode, 2)

    def test_version(self):
        r = run('--version', env=self.env)
        self.assertEqual(r.returncode, 0)
        self.assertTrue(r.stdout.startswith('permitdesk '))


if __name__ == '__main__':
    unittest.main(verbosity=2)
