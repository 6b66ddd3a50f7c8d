#!/usr/bin/env python3
"""Side-by-side HTML parsing throughput, in one run, in CPU time.

Every page of ../shared/corpora/html-en and html-zh is decoded to UTF-8 first (the same text for
every parser), then parsed ITERATIONS times by each parser. Prints MB/s per parser and folder and
the ratio of Newsmill's parser to each peer.

Usage: scripts/bench-parsers.py [ITERATIONS]   (needs: swift build -c release --product ParserThroughput;
                                                pip install selectolax markupever lxml html5lib)"""
import gzip, json, os, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpora = os.environ.get('NEWSMILL_CORPORA', os.path.join(root, '..', 'shared', 'corpora'))
release = os.environ.get('NEWSMILL_RELEASE_DIR', os.path.join(root, '.build', 'release'))
iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 5

def decode(raw):
    for encoding in ('utf-8', 'gb18030'):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    return raw.decode('windows-1252', errors='replace')

def load(folder):
    pages = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith('.gz'):
            raw = gzip.open(path).read()
        elif name.endswith('.html') or name.endswith('.htm'):
            raw = open(path, 'rb').read()
        else:
            continue
        pages.append(decode(raw))
    return pages

def cpu_time(parse, pages, iterations):
    for page in pages:
        parse(page)  # warm-up
    start = time.process_time()
    for _ in range(iterations):
        for page in pages:
            parse(page)
    return time.process_time() - start

def peers():
    from selectolax.lexbor import LexborHTMLParser
    import markupever, lxml.html, html5lib
    return [
        ('lexbor (selectolax)', lambda text: LexborHTMLParser(text)),
        ('html5ever (markupever)', lambda text: markupever.parse(text, markupever.HtmlOptions())),
        ('lxml', lambda text: lxml.html.document_fromstring(text) if text.strip() else None),
        ('html5lib', lambda text: html5lib.parse(text)),
    ]

results = {}
for folder in ('html-en', 'html-zh'):
    pages = load(os.path.join(corpora, folder))
    total = sum(len(page.encode('utf-8')) for page in pages)
    with tempfile.TemporaryDirectory() as scratch:
        for index, page in enumerate(pages):
            open(os.path.join(scratch, '%04d.html' % index), 'wb').write(page.encode('utf-8'))
        binary = os.path.join(release, 'ParserThroughput')
        output = json.loads(subprocess.check_output([binary, scratch, str(iterations)]))
    rows = [('newsmill', output['bytes'] / output['cpu_seconds'] / 1e6)]
    for name, parse in peers():
        iters = 1 if name == 'html5lib' else iterations
        seconds = cpu_time(parse, pages, iters)
        rows.append((name, total * iters / seconds / 1e6))
    results[folder] = rows
    print('%s: %d pages, %.1f MB (UTF-8), %d iterations' % (folder, len(pages), total / 1e6, iterations))
    ours = rows[0][1]
    for name, speed in rows:
        ratio = '' if name == 'newsmill' else '  newsmill/peer = %.2f' % (ours / speed)
        print('  %-24s %8.1f MB/s%s' % (name, speed, ratio))
