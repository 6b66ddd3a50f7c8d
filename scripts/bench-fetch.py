#!/usr/bin/env python3
"""Fetch + parse + store throughput: Newsmill vs newsboat, in one run, against one local nginx.

Writes FEEDS feeds of 20 items each (distinct Chinese and English text, ~15 kB a feed) to .build-bench/fetch/,
serves them with nginx on 127.0.0.1, then times, for each tool, a full reload of every feed into
a fresh archive (Newsmill: SQLite via `newsmill run --once` with no outputs; newsboat: its SQLite
cache via `newsboat -x reload`). Both use 16 connections at once. Reports wall and CPU time (user +
sys of the tool's process) and peak RSS, and Newsmill's peak RSS at 1/4, 1/2 and all of the feeds
to show that memory stays flat as the number of feeds grows.

BENCH_WORDS=N draws the English words from a vocabulary of N (default 5000); a small one makes every item
share many shingles, the worst case for near-duplicate detection.

--hexo turns a Hexo output on (every item becomes a post, as users run it), and full text stays at its default
(`auto`: the items carry whole articles, so no page is fetched). After each cold import, both tools reload
every feed again on the state it left (warm): nginx answers their conditional GETs with 304. With --hexo the cold
imports alternate between the tools BENCH_ROUNDS times (default 3), each round's ratio shown with their median and
the ratio of the sums (a single run moves by ±15 % here).

--rules measures what keep/block rules and tagging cost instead (issue 14): cold imports without rules and with
50 rules (named keep rules, block rules, keyword regexes, tag lists) and the bundled A-share list, alternately,
ROUNDS times (BENCH_ROUNDS, default 4), with each round's ratio and their median; every rule set keeps every item,
so both publish the same. NEWSMILL_BEFORE=path/to/newsmill runs another build's two imports in the same rounds.
BENCH_PERF=1 then profiles one import with the rules per build (linux perf) and prints the rule steps' share. No newsboat.

--callgrind counts instructions instead of timing (valgrind's callgrind, which gives the same count for the same
binary and input whatever else the machine does): one cold import with the Hexo output on for this build, for the
build NEWSMILL_BEFORE names if set, and for newsboat, of FEEDS feeds (use a few hundred: callgrind runs about 50
times slower). The counts are user-space instructions only: the kernel's work (creating the posts' files) is not
in them. Valgrind 3.19 knows no AVX-512, so Newsmill's MinHash kernel runs its scalar loop there.

Usage: scripts/bench-fetch.py [--hexo] [--rules] [--callgrind] [FEEDS]   (needs: swift build -c release --product newsmill;
                                                 apt-get install nginx-light newsboat)
NEWSMILL=path/to/newsmill picks another binary (default .build/release/newsmill); BENCH_PORT another port (default 18473).

Every run writes into a directory of its own, and nothing is deleted until the script ends: ext4 will not reuse
an inode for some minutes after it was freed, and creating 40,000 posts right after deleting 40,000 others made
inode allocation scan the table (most of a run's kernel time). Wait five minutes between two invocations, or the
first run pays for the last one's clean-up."""
import os, resource, shutil, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = os.path.join(root, '.build-bench', 'fetch')
arguments = [a for a in sys.argv[1:] if not a.startswith('--')]
hexo = '--hexo' in sys.argv
rules = '--rules' in sys.argv
callgrind = '--callgrind' in sys.argv
if callgrind:
    hexo = True
feeds = int(arguments[0]) if arguments else 2000
port = int(os.environ.get('BENCH_PORT', '18473'))
newsmill = os.environ.get('NEWSMILL', os.path.join(root, '.build', 'release', 'newsmill'))


import random
_vocabulary = random.Random(7)
words = [''.join(_vocabulary.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(_vocabulary.randrange(3, 9)))
         for _ in range(int(os.environ.get('BENCH_WORDS', '5000')))]

def paragraph(rng):
    """Distinct text for every item, so that no two items are near-duplicates of each other."""
    chinese = ''.join(chr(0x4E00 + rng.randrange(20000)) for _ in range(40))
    english = ' '.join(rng.choice(words) for _ in range(12))
    return f'{chinese}。{english.capitalize()}.'

def generate():
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, 'www'))
    rng = random.Random(42)
    for f in range(feeds):
        items = []
        for i in range(20):
            text = ''.join(f'<p>{paragraph(rng)}</p>' for k in range(3))
            items.append(f'<item><title>Feed {f} item {i} 第{i}条</title><link>http://127.0.0.1:{port}/a/{f}/{i}.html</link>'
                         f'<guid isPermaLink="false">bench-{f}-{i}</guid><pubDate>Wed, 01 May 2024 10:{i:02d}:00 +0800</pubDate>'
                         f'<description><![CDATA[{text}]]></description></item>')
        with open(os.path.join(work, 'www', f'{f}.xml'), 'w') as out:
            out.write(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {f}</title>'
                      f'<link>http://127.0.0.1:{port}/</link>{"".join(items)}</channel></rss>')

def start_nginx():
    conf = os.path.join(work, 'nginx.conf')
    with open(conf, 'w') as out:
        out.write(f'''worker_processes 1; daemon on; pid {work}/nginx.pid; error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; default_type application/rss+xml;
  client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp;
  uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
  server {{ listen 127.0.0.1:{port}; root {work}/www; etag on; if_modified_since exact; }} }}
''')
    os.makedirs(os.path.join(work, 'tmp'), exist_ok=True)
    subprocess.run(['nginx', '-c', conf, '-p', work], check=True)
    return lambda: subprocess.run(['nginx', '-c', conf, '-p', work, '-s', 'stop'], stderr=subprocess.DEVNULL)

def timed(command, cwd):
    subprocess.run(['sync'])  # both tools start with nothing dirty to write back
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f'{command[0]} failed: {result.stderr.decode()[-2000:]}')
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu

def cold_rounds():
    """BENCH_ROUNDS cold imports per tool (default 3 with --hexo, else 1)."""
    return max(1, int(os.environ.get('BENCH_ROUNDS', '3' if hexo else '1')))

def median(values):
    middle = sorted(values)
    return (middle[(len(middle) - 1) // 2] + middle[len(middle) // 2]) / 2

def peak_rss(command, cwd):
    out = subprocess.run(['/usr/bin/time', '-f', '%M'] + command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return int(out.stderr.decode().strip().splitlines()[-1]) / 1024

def fifty_rules():
    """50 rules of every kind, and tags: none blocks a generated item, and one keep rule keeps them all."""
    topics = ['数字化转型', '数智化', '工业互联网', '人工智能', '大模型', '云计算', '区块链', '新能源', '半导体', '芯片',
              '5G', '物联网', '智能制造', '数据要素', '算力', '储能', '光伏', '锂电', '机器人', '自动驾驶']
    lines = ['filters:', '  - name: 全部\n    keep: { any: [feed], in: [title] }']
    for index, topic in enumerate(topics):
        lines.append(f'  - name: {topic}\n    keep: {{ any: [{topic}, "{topic}产业"], in: [title, text] }}')
    for index in range(20):
        lines.append(f'  - block: {{ any: [广告{index}, 招聘{index}, 直播预告{index}], in: [title] }}')
    for index in range(5):
        lines.append(f'  - block: {{ author: [作者{index}], link: ["/spam{index}/"] }}')
    lines.append('  - name: 数字经济\n    keep: { any: ["/数字(经济|政府|中国)/", "/\\bAI\\b/"] }')
    lines.append('  - block: { all: [免费, 领取, 二维码] }')
    lines.append('  - block: { category: [推广, 软文] }')
    lines.append('  - name: 金融科技\n    keep: { all: [银行, 数字化] }')
    lines.append('tags:\n  stocks: true\n  keywords:\n    人工智能: [人工智能, AI, 大模型]\n    新能源: [光伏, 储能, 锂电]')
    assert sum(1 for line in lines if line.startswith('  - ')) == 50
    return '\n'.join(lines) + '\n'

def newsmill_run(count, tag, fresh=True, with_rules=False):
    directory = os.path.join(work, f'newsmill-{tag}')
    if fresh:
        assert not os.path.exists(directory), directory
        os.makedirs(directory)
    sources = ''.join(f'      - site: feed{f}\n        url: http://127.0.0.1:{port}/{f}.xml\n' for f in range(count))
    outputs = '\n  - format: hexo\n    dir: posts\n' if hexo else ' []\n'
    with open(os.path.join(directory, 'newsmill.yaml'), 'w') as out:
        out.write('store: newsmill.sqlite\nfetch:\n  concurrency: 16\n  per_host: 16\n  host_delay: 0\n'
                  f'outputs:{outputs}groups:\n  - name: bench\n    sources:\n{sources}' + (fifty_rules() if with_rules else ''))
    return [newsmill, 'run', '--config', 'newsmill.yaml', '--once', '--quiet'], directory

def newsboat_run(fresh=True):
    directory = os.path.join(work, 'newsboat')
    if fresh:
        shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, 'urls'), 'w') as out:
        out.write(''.join(f'http://127.0.0.1:{port}/{f}.xml\n' for f in range(feeds)))
    with open(os.path.join(directory, 'config'), 'w') as out:
        out.write('reload-threads 16\n')
    return ['newsboat', '-u', 'urls', '-c', 'cache.db', '-C', 'config', '-x', 'reload'], directory

def compare_rules():
    """Cold imports without and with the 50 rules, alternately in every round; each round's CPU ratio, their
    median and the ratio of the sums. With
    NEWSMILL_BEFORE=path, that binary's two imports run in the same rounds too (before, then this build), so two
    builds compare on the same load."""
    global newsmill
    builds = [('this build', newsmill)]
    if os.environ.get('NEWSMILL_BEFORE'):
        builds.insert(0, ('before', os.environ['NEWSMILL_BEFORE']))
    sums = {name: {False: [0.0, 0.0], True: [0.0, 0.0]} for name, _ in builds}
    ratios = {name: [] for name, _ in builds}
    for round in range(int(os.environ.get('BENCH_ROUNDS', '4'))):
        for index, (name, binary) in enumerate(builds):
            newsmill = binary
            cpu = {}
            for with_rules in (False, True):
                command, cwd = newsmill_run(feeds, f'{"rules" if with_rules else "plain"}-{round}-{index}', with_rules=with_rules)
                wall, cpu[with_rules] = timed(command, cwd)
                sums[name][with_rules][0] += wall
                sums[name][with_rules][1] += cpu[with_rules]
            ratios[name].append(cpu[True] / cpu[False] - 1)
            print(f'  round {round}  {name:10}  no rules cpu {cpu[False]:6.2f} s   50 rules + stocks cpu {cpu[True]:6.2f} s'
                  f'   add {100 * ratios[name][-1]:+5.1f} %', flush=True)
    for name, _ in builds:
        plain, ruled = sums[name][False], sums[name][True]
        print(f'  {name}: rules and tagging add: cpu median of rounds {100 * median(ratios[name]):+.1f} %, '
              f'sums {plain[1]:.2f} s → {ruled[1]:.2f} s = {100 * (ruled[1] / plain[1] - 1):+.1f} %; '
              f'wall {100 * (ruled[0] / plain[0] - 1):+.1f} %')
    if os.environ.get('BENCH_PERF'):
        for index, (name, binary) in enumerate(builds):
            newsmill = binary
            profile_rules(name, f'perf-{index}')

# What the rules' work is called in a profile: every sample with one of these in its stack is theirs.
RULE_STEPS = [('deciding items', ['RuleSetV5apply2to', 'RuleSetV6decide']), ('storing topics and tags', ['storeTopics']),
              ('loading rules and the stock list', ['RuleSetV5rules4tags6stocks', 'StockRecognizerV7bundled'])]

def profile_rules(name, tag):
    """BENCH_PERF=1: one import with the rules under `perf record` (CPU-clock samples, one process): the share of
    the process's samples in each rule step. Shares within one run hardly move with the machine's load, unlike
    two runs' CPU times. The rules add (their samples) / (the other samples) to the import without them."""
    command, cwd = newsmill_run(feeds, tag, with_rules=True)
    data = os.path.join(cwd, 'perf.data')
    subprocess.run(['perf', 'record', '-F', '1999', '-g', '-o', data, '--'] + command, cwd=cwd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    script = subprocess.run(['perf', 'script', '-i', data, '-F', 'ip,sym'], capture_output=True, text=True).stdout
    samples = [sample for sample in script.split('\n\n') if sample.strip()]
    counts = {step: 0 for step, _ in RULE_STEPS}
    for sample in samples:
        for step, symbols in RULE_STEPS:
            if any(symbol in sample for symbol in symbols):
                counts[step] += 1
                break
    ruled = sum(counts.values())
    shares = ', '.join(f'{step} {100 * count / len(samples):.2f} %' for step, count in counts.items())
    print(f'  {name}: perf, {len(samples)} samples of one import with the rules: {shares}; '
          f'rules and tagging add {100 * ruled / (len(samples) - ruled):+.1f} %')

def instructions(command, cwd, name):
    """The user-space instructions `command` executes, counted by callgrind (the binary's debug information, which
    valgrind 3.19 cannot read, stripped from a copy first)."""
    if command[0] != 'newsboat':
        stripped = os.path.join(work, f'{name}-stripped')
        subprocess.run(['objcopy', '--strip-debug', command[0], stripped], check=True)
        command = [stripped] + command[1:]
    out = os.path.join(work, f'{name}.callgrind')
    subprocess.run(['valgrind', '--tool=callgrind', f'--callgrind-out-file={out}'] + command, cwd=cwd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    with open(out) as data:
        return next(int(line.split()[1]) for line in data if line.startswith('totals:'))

def count_instructions():
    global newsmill
    builds = [('this build', newsmill)] + ([('before', os.environ['NEWSMILL_BEFORE'])] if os.environ.get('NEWSMILL_BEFORE') else [])
    counts = {}
    for index, (name, binary) in enumerate(builds):
        newsmill = binary
        command, cwd = newsmill_run(feeds, f'callgrind-{index}')
        counts[name] = instructions(command, cwd, f'newsmill-{index}')
        print(f'  {name:10}  {counts[name] / 1e9:7.3f} G instructions (cold import, {feeds * 20} posts)', flush=True)
    command, cwd = newsboat_run()
    theirs = instructions(command, cwd, 'newsboat')
    print(f'  newsboat    {theirs / 1e9:7.3f} G instructions')
    for name, count in counts.items():
        print(f'  newsboat/newsmill ({name}): {theirs / count:.2f}×')
    if 'before' in counts:
        print(f'  this build / before: {counts["this build"] / counts["before"]:.3f}')

def run_alone(title, body):
    """Runs one of the other modes, stops nginx and removes Newsmill's directories after it, and exits."""
    try:
        print(f'{feeds} feeds × 20 items; outputs: {"hexo (every item a post)" if hexo else "none"}{title}')
        body()
    finally:
        stop()
        for name in os.listdir(work):
            if name.startswith('newsmill-'):
                shutil.rmtree(os.path.join(work, name), ignore_errors=True)
    sys.exit(0)

generate()
stop = start_nginx()
if callgrind:
    run_alone('; instructions counted by callgrind', count_instructions)
if rules:
    run_alone('', compare_rules)
try:
    total_mb = sum(os.path.getsize(os.path.join(work, 'www', name)) for name in os.listdir(os.path.join(work, 'www'))) / 1e6
    print(f'{feeds} feeds × 20 items, {total_mb:.1f} MB, served by nginx on 127.0.0.1:{port}; '
          f'outputs: {"hexo (every item a post)" if hexo else "none"}')
    # Cold imports, the two tools alternately, ROUNDS times: one run of either moves by ±15 % on this kind of
    # machine (the same binary measured 8.1 and 11.4 s of CPU twenty minutes apart), so every round's ratio is
    # shown, with their median and the ratio of the sums. The last round's state is reloaded warm.
    rounds = cold_rounds()
    ratios, sums = [], [0.0, 0.0, 0.0, 0.0]
    for round in range(rounds):
        command, cwd = newsmill_run(feeds, f'all-{round}')
        ours = timed(command, cwd)
        posts = len(os.listdir(os.path.join(cwd, 'posts'))) if hexo else 0
        command, newsboat_dir = newsboat_run()
        theirs = timed(command, newsboat_dir)
        ratios.append((theirs[0] / ours[0], theirs[1] / ours[1]))
        sums = [sums[0] + ours[0], sums[1] + ours[1], sums[2] + theirs[0], sums[3] + theirs[1]]
        print(f'  cold  round {round + 1}: newsmill wall {ours[0]:6.2f} s cpu {ours[1]:6.2f} s' + (f' ({posts} posts)' if hexo else '')
              + f'   newsboat wall {theirs[0]:6.2f} s cpu {theirs[1]:6.2f} s   newsboat/newsmill: wall {ratios[-1][0]:.2f}×, cpu {ratios[-1][1]:.2f}×',
              flush=True)
    print(f'  cold  newsboat/newsmill over {rounds} round(s): median wall {median([r[0] for r in ratios]):.2f}×, '
          f'median cpu {median([r[1] for r in ratios]):.2f}×; sums: wall {sums[2] / sums[0]:.2f}×, cpu {sums[3] / sums[1]:.2f}×')
    command, cwd = newsmill_run(feeds, f'all-{rounds - 1}', fresh=False)
    ours_warm = timed(command, cwd)
    command, cwd = newsboat_run(fresh=False)
    theirs_warm = timed(command, cwd)
    print(f'  warm  newsmill   wall {ours_warm[0]:6.2f} s   cpu {ours_warm[1]:6.2f} s')
    print(f'  warm  newsboat   wall {theirs_warm[0]:6.2f} s   cpu {theirs_warm[1]:6.2f} s')
    print(f'  warm  newsboat/newsmill: wall {theirs_warm[0] / ours_warm[0]:.2f}×, cpu {theirs_warm[1] / ours_warm[1]:.2f}×')
    for count in (feeds // 4, feeds // 2, feeds):
        command, cwd = newsmill_run(count, f'rss-{count}')
        print(f'  newsmill peak RSS with {count:5d} feeds: {peak_rss(command, cwd):6.1f} MB')
    command, cwd = newsboat_run()
    print(f'  newsboat peak RSS with {feeds:5d} feeds: {peak_rss(command, cwd):6.1f} MB')
finally:
    stop()
    for name in os.listdir(work):
        if name.startswith('newsmill-'):
            shutil.rmtree(os.path.join(work, name), ignore_errors=True)
