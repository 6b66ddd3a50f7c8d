#!/usr/bin/env python3
"""What a run costs when little changed: one 3,000-item source read from a local file, with a Hexo output.

Times, each in a fresh directory and REPEAT times (the median is reported):
  cold      the first import (every item archived and published),
  same      a second run with the same feed (nothing changed),
  one new   a third run with one new item added at the top of the feed,
and prints each re-run's CPU (user + sys) and wall time as a share of the cold import's.

Usage: scripts/bench-rerun.py [ITEMS] [REPEAT]   (needs: swift build -c release --product newsmill)
NEWSMILL=path/to/newsmill picks another binary (default .build/release/newsmill)."""
import os, random, resource, shutil, statistics, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = os.path.join(root, '.build-bench', 'rerun')
items = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
newsmill = os.environ.get('NEWSMILL', os.path.join(root, '.build', 'release', 'newsmill'))

def item(rng, number):
    text = ''.join('<p>' + ''.join(chr(0x4E00 + rng.randrange(20000)) for _ in range(80)) + '。</p>' for _ in range(3))
    return (f'<item><title>第{number}条新闻</title><link>https://rerun.example/a/{number}.html</link>'
            f'<guid isPermaLink="false">rerun-{number}</guid>'
            f'<pubDate>Wed, 01 May 2024 {number // 60 % 24:02d}:{number % 60:02d}:00 +0800</pubDate>'
            f'<description><![CDATA[{text}]]></description></item>')

def write_feed(path, count):
    rng = random.Random(11)
    body = ''.join(item(rng, n) for n in range(count))
    with open(path, 'w') as out:
        out.write(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>rerun</title>{body}</channel></rss>')

def timed(directory):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run([newsmill, 'run', '--config', 'newsmill.yaml', '--once', '--quiet'], cwd=directory,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f'newsmill failed: {result.stderr.decode()[-2000:]}')
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

runs = {'cold': [], 'same': [], 'one new': []}
for attempt in range(repeat):
    directory = os.path.join(work, f'run-{attempt}')
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    with open(os.path.join(directory, 'newsmill.yaml'), 'w') as out:
        out.write('store: newsmill.sqlite\noutputs:\n  - format: hexo\n    dir: posts\n'
                  'groups:\n  - name: bench\n    sources:\n      - site: rerun\n        url: feed.xml\n')
    write_feed(os.path.join(directory, 'feed.xml'), items)
    runs['cold'].append(timed(directory))
    runs['same'].append(timed(directory))
    write_feed(os.path.join(directory, 'feed.xml'), items + 1)
    runs['one new'].append(timed(directory))
    posts = len([n for n in os.listdir(os.path.join(directory, 'posts')) if n.endswith('.md')])
    assert posts == items + 1, f'{posts} posts'

cold_wall = statistics.median(w for w, _ in runs['cold'])
cold_cpu = statistics.median(c for _, c in runs['cold'])
print(f'one source of {items} items from a local file, Hexo output on; median of {repeat}')
for name, values in runs.items():
    wall = statistics.median(w for w, _ in values)
    cpu = statistics.median(c for _, c in values)
    share = '' if name == 'cold' else f'   = {100 * cpu / cold_cpu:5.1f} % of cold CPU, {100 * wall / cold_wall:5.1f} % of cold wall'
    print(f'  {name:8s} wall {wall:6.3f} s   cpu {cpu:6.3f} s{share}')
