#!/usr/bin/env python3
"""Site search at scale: build the search index of 50,000 synthetic Chinese stories and measure what one query downloads.

The stories are made of real Chinese sentences: the text of every page in ../shared/corpora/html-zh (decoded, tags
stripped, cut into sentences at 。！？). Each story takes a title and 8-30 sentences from that pool (seeded, so
every run makes the same stories), a date about 20 minutes after the previous story's, and one of 12 sources; 6 %
of the stories also get a sentence about banks (银行) and 1 % one about AI chips (AI 芯片), so those queries
have realistic hit counts. Then:

- `SearchIndexThroughput` (release) builds the index: a full build, an unchanged re-run, and one more story;
- the site's own `assets/search.js`, under node (Tests/Fixtures/Search/run-search.js), runs each query as a
  visitor's browser does, and counts the bytes of every file it loads for the first page of 20 results.

Usage: scripts/bench-search.py [--stories 50000] [--binary PATH] [--keep DIR]
  needs: swift build -c release --product SearchIndexThroughput (default binary: .build-release/release/…,
  then .build/release/…)"""
import argparse, html.parser, json, os, random, re, shutil, subprocess, sys, tempfile, gzip

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = os.path.join(os.path.dirname(root), 'shared', 'corpora', 'html-zh')
if not os.path.isdir(corpus):
    corpus = '/work/shared/corpora/html-zh'
SOURCES = ['新浪财经', '每经网', '澎湃新闻', '界面新闻', '第一财经', '财新网', '36氪', '证券时报', '中国经营报', '经济观察报',
           '21世纪经济报道', '华尔街见闻']
BANK = ['多家银行下调存款利率，市场关注净息差压力。', '银行理财产品收益率连续三周回落。', '国有大型银行加大对小微企业的信贷投放。',
        '城商行与农商行加快合并重组步伐。', '央行表示将保持银行体系流动性合理充裕。']
CHIPS = ['AI 芯片需求旺盛，多家厂商上调出货预期。', '国产AI芯片在推理场景加速落地。', '出口管制收紧，AI 芯片供应链承压。']
QUERIES = ['银行', 'AI 芯片', '人工智能', '的', '中国', '量子纠缠', '证券']


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style', 'noscript'):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ('script', 'style', 'noscript') and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def decode(raw):
    head = raw[:4096].decode('ascii', errors='replace')
    match = re.search(r'charset=["\']?([\w-]+)', head, re.I)
    for name in ([match.group(1)] if match else []) + ['utf-8', 'gb18030']:
        try:
            return raw.decode('gb18030' if name.lower() in ('gb2312', 'gbk') else name)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode('utf-8', errors='replace')


def sentences():
    pool = []
    for name in sorted(os.listdir(corpus)):
        path = os.path.join(corpus, name)
        if not name.endswith(('.html', '.htm', '.gz')):
            continue
        raw = gzip.open(path).read() if name.endswith('.gz') else open(path, 'rb').read()
        parser = Text()
        parser.feed(decode(raw))
        text = re.sub(r'\s+', ' ', ' '.join(parser.parts))
        for sentence in re.findall(r'[^。！？]*[。！？]', text):
            sentence = sentence.strip()
            if 8 <= len(re.findall(r'[\u4e00-\u9fff]', sentence)) and len(sentence) <= 120:
                pool.append(sentence)
    return sorted(set(pool))


def stories(count, pool):
    rng = random.Random(13)
    date = 1_640_995_200  # 2022-01-01
    for number in range(count):
        date += rng.randint(60, 2400)
        body = rng.sample(pool, rng.randint(8, 30))
        if rng.random() < 0.06:
            body.insert(rng.randrange(len(body)), rng.choice(BANK))
        if rng.random() < 0.01:
            body.insert(rng.randrange(len(body)), rng.choice(CHIPS))
        title = rng.choice(pool).rstrip('。！？')[:30]
        yield {'path': '%s/%07d.html' % (date // 2_592_000, number), 'title': title, 'date': date,
               'source': rng.choice(SOURCES), 'text': ''.join(body)}


def folder_size(path):
    total = files = 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
            files += 1
    return total, files


def main():
    options = argparse.ArgumentParser()
    options.add_argument('--stories', type=int, default=50_000)
    options.add_argument('--binary')
    options.add_argument('--keep')
    arguments = options.parse_args()
    binary = arguments.binary or next(
        (p for p in (os.path.join(root, '.build-release/release/SearchIndexThroughput'),
                     os.path.join(root, '.build/release/SearchIndexThroughput')) if os.path.exists(p)), None)
    if not binary:
        sys.exit('build it first: swift build -c release --product SearchIndexThroughput')
    work = arguments.keep or tempfile.mkdtemp(prefix='bench-search-')
    site = os.path.join(work, 'site')
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(site)
    pool = sentences()
    listing = os.path.join(work, 'stories.jsonl')
    all_stories = list(stories(arguments.stories + 1, pool))
    with open(listing, 'w') as f:
        for story in all_stories:
            f.write(json.dumps(story, ensure_ascii=False) + '\n')
    build = json.loads(subprocess.run([binary, listing, site], check=True, capture_output=True).stdout)
    index_bytes, index_files = folder_size(os.path.join(site, 'search'))
    shards_bytes, shards = folder_size(os.path.join(site, 'search', 'terms'))
    queries = json.loads(subprocess.run(
        ['node', os.path.join(root, 'Tests/Fixtures/Search/run-search.js'), site] + QUERIES,
        check=True, capture_output=True, env=dict(os.environ, SEARCH_FIRST_PAGE_ONLY='1')).stdout)
    texts = [(s['title'], s['text']) for s in all_stories]
    print('pool: %d sentences from %s; stories: %d, text %.1f MB' % (
        len(pool), corpus, build['documents'], sum(len(t) + len(x) for t, x in texts[:-1]) * 3 / 1e6))
    print('full build: %.2f s CPU (%.2f s wall), %d files; unchanged re-run: %.2f s CPU (%.2f s wall), %d files written; '
          'one more story: %.2f s CPU (%.2f s wall), %d files written; peak RSS %.0f MB' % (
              build['full_cpu_seconds'], build['full_wall_seconds'], build['full_written'], build['rerun_cpu_seconds'],
              build['rerun_wall_seconds'], build['rerun_written'], build['one_more_cpu_seconds'],
              build['one_more_wall_seconds'], build['one_more_written'], build['peak_rss_bytes'] / 1e6))
    print('index: %.1f MB in %d files (shards: %.1f MB in %d, largest %.0f kB)' % (
        index_bytes / 1e6, index_files, shards_bytes / 1e6, shards,
        max(os.path.getsize(os.path.join(site, 'search/terms', n)) for n in os.listdir(os.path.join(site, 'search/terms'))) / 1e3))
    print('| query | stories containing it | first page | files loaded | bytes downloaded |')
    print('| --- | --- | --- | --- | --- |')
    for query in QUERIES:
        result = queries[query]
        terms = query.lower().split()
        containing = sum(1 for t, x in texts[:-1] if all(term in (t + '\n' + x).lower() for term in terms))
        print('| %s | %d | %d | %d | %.1f kB |' % (query, containing, len(result['paths']), result['firstPageFiles'],
                                                  result['firstPageBytes'] / 1e3))
    if not arguments.keep:
        shutil.rmtree(work)


main()
