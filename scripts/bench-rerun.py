#!/usr/bin/env python3
"""What a run costs when little changed: one 3,000-item source read from a local file, with a Hexo output.

Times, each in a fresh directory and REPEAT times (the median is reported):
  cold      the first import (every item archived and published),
  same      a second run with the same feed (nothing changed),
  one new   a third run with one new item added at the top of the feed,
and prints each re-run's CPU (user + sys) and wall time as a share of the cold import's.

Usage: scripts/bench-rerun.py [ITEMS] [REPEAT]   (needs: swift build -c release --product newsmill)
NEWSMILL=path/to/newsmill picks another binary (default .build/release/newsmill); NEWSMILL_BEFORE=path/to/newsmill
times another build too, alternately with this one in every attempt, so both meet the same load.

Nothing is deleted until every run is done: ext4 is slow to create files for some minutes after many were
deleted (`recently_deleted` in a profile), which made a cold import after a clean-up two or three times as
expensive. Wait a few minutes after a previous invocation (or any large deletion) before timing."""
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

builds = [('this build', newsmill)]
if os.environ.get('NEWSMILL_BEFORE'):
    builds.insert(0, ('before', os.environ['NEWSMILL_BEFORE']))
runs = {name: {'cold': [], 'same': [], 'one new': []} for name, _ in builds}
shutil.rmtree(work, ignore_errors=True)
try:
    for attempt in range(repeat):
        for index, (name, binary) in enumerate(builds):
            newsmill = binary
            directory = os.path.join(work, f'run-{attempt}-{index}')
            os.makedirs(directory)
            with open(os.path.join(directory, 'newsmill.yaml'), 'w') as out:
                out.write('store: newsmill.sqlite\noutputs:\n  - format: hexo\n    dir: posts\n'
                          'groups:\n  - name: bench\n    sources:\n      - site: rerun\n        url: feed.xml\n')
            write_feed(os.path.join(directory, 'feed.xml'), items)
            times = {'cold': timed(directory), 'same': timed(directory)}
            write_feed(os.path.join(directory, 'feed.xml'), items + 1)
            times['one new'] = timed(directory)
            posts = len([n for n in os.listdir(os.path.join(directory, 'posts')) if n.endswith('.md')])
            assert posts == items + 1, f'{posts} posts'
            for key, value in times.items():
                runs[name][key].append(value)
            cold_cpu = times['cold'][1]
            print(f'  attempt {attempt} {name:10s} cpu cold {cold_cpu:.3f} s, same {times["same"][1]:.3f} s '
                  f'({100 * times["same"][1] / cold_cpu:.1f} %), one new {times["one new"][1]:.3f} s '
                  f'({100 * times["one new"][1] / cold_cpu:.1f} %)', flush=True)
finally:
    shutil.rmtree(work, ignore_errors=True)

print(f'one source of {items} items from a local file, Hexo output on; median of {repeat}')
for name, _ in builds:
    cold_wall = statistics.median(w for w, _ in runs[name]['cold'])
    cold_cpu = statistics.median(c for _, c in runs[name]['cold'])
    print(f' {name}:')
    for kind, values in runs[name].items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        share = '' if kind == 'cold' else f'   = {100 * cpu / cold_cpu:5.1f} % of cold CPU, {100 * wall / cold_wall:5.1f} % of cold wall'
        print(f'  {kind:8s} wall {wall:6.3f} s   cpu {cpu:6.3f} s{share}')
