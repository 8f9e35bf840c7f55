#!/usr/bin/env python3
"""Regenerates the charset samples in this folder with Python's codecs (run from this folder).

Each text NAME is written as NAME.utf-8.txt and as NAME.<charset>.txt; the tests convert every
NAME.<charset>.txt with mimetool::to_utf8 and compare with NAME.utf-8.txt, and convert back with
from_utf8 where the charset round-trips."""

TEXTS = {
    'chinese': '中文邮件测试：你好，世界！汉字编码转换。',
    'chinese-gbk': '中文邮件测试：你好，世界！丟乂',           # GBK-only hanzi, not in GB2312
    'chinese-gb18030': '中文邮件测试：你好，世界！€ 𠀀 ÿ',    # four-byte GB18030 sequences
    'chinese-traditional': '繁體中文郵件測試：您好，世界！',
    'japanese': '日本語のメールです。テスト、カタカナ、ひらがな。',
    'korean': '한국어 메일 테스트입니다. 안녕하세요!',
    'russian': 'Привет, мир! Съешь же ещё этих мягких французских булок.',
    'western': 'Café déjà vu — “quoted” naïve façade € œ',
    'euro': 'Œuvre à 10 € — Šárka'.replace('—', '-'),
    'unicode': 'Hello, мир! 日本語 café € +1',
}

SAMPLES = [
    ('chinese', 'gb2312'), ('chinese-gbk', 'gbk'), ('chinese-gb18030', 'gb18030'),
    ('chinese-traditional', 'big5'), ('japanese', 'iso-2022-jp'), ('japanese', 'shift_jis'),
    ('japanese', 'euc-jp'), ('korean', 'euc-kr'), ('russian', 'koi8-r'), ('russian', 'windows-1251'),
    ('western', 'windows-1252'), ('euro', 'iso-8859-15'), ('unicode', 'utf-7'), ('unicode', 'utf-16'),
]

if __name__ == '__main__':
    for name, charset in SAMPLES:
        text = TEXTS[name] + '\n'
        with open(f'{name}.utf-8.txt', 'wb') as f:
            f.write(text.encode('utf-8'))
        with open(f'{name}.{charset}.txt', 'wb') as f:
            f.write(text.encode(charset))
