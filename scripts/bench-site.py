#!/usr/bin/env python3
"""Site build benchmark (BENCHMARKS.md, "Site build").

For each size (10,000 and 50,000 stories by default): writes RSS feeds with that many distinct stories,
imports them once (`newsmill run --once`, not measured), then measures side by side in the same run
  - a full `newsmill build` of the `format: site` output from the archive (the imported site folder set
    aside first, and deleted after the measurement),
  - Hugo (apt hugo) building the same stories as posts with the equivalent minimal theme kept in
    Tests/Fixtures/hugo-minimal (home, paginated section and category lists, a page per story, RSS, sitemap),
reporting wall time, CPU time (user + sys) and peak RSS from /usr/bin/time -v. On the smallest size it also
measures one new story (`newsmill run --once` with one more item in one feed) and a run with nothing new.

Each side's numbers are printed and saved (WORK/SIZE/newsmill.json, WORK/SIZE/hugo.json) as soon as that side
finishes, so a long Hugo run is never lost; `--side hugo` or `--side newsmill` runs one side only (Hugo needs
only the generated posts, so its 50,000-story side can start in the background before Newsmill is built), and
the closing table pairs whatever both sides have saved for the sizes asked.

`--baseline-binary OLD` also measures OLD's full build of the same archive right after Newsmill's (into a folder
of its own, `public-baseline`), so two versions are compared in one run (saved to WORK/SIZE/baseline.json).

Usage: scripts/bench-site.py [--sizes 10000,50000] [--side both|newsmill|hugo] [--binary .build-release/release/newsmill]
                             [--baseline-binary OLD] [--work /tmp/bench-site]
Build first: swift build -c release --product newsmill --scratch-path .build-release
"""
import argparse
import datetime
import json
import os
import random
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
THEME = os.path.join(ROOT, "Tests", "Fixtures", "hugo-minimal")
FEEDS = 20
SITES = [("金融", "新浪财经", "国内"), ("金融", "每经网", "重磅原创"), ("科技", "36氪", "快讯"), ("科技", "虎嗅", "科技"), ("产业", "证券时报", "产业")]


def cjk(rng, length):
    return "".join(chr(0x4E00 + rng.randrange(20000)) for _ in range(length))


def stories(size):
    rng = random.Random(size)
    start = datetime.datetime(2022, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    for number in range(size):
        feed = number % FEEDS
        date = start + datetime.timedelta(minutes=7 * number)
        paragraphs = ["<p>%s。</p>" % cjk(rng, 120) for _ in range(5)]
        yield {
            "feed": feed, "number": number, "title": "数字化转型 %d %s" % (number, cjk(rng, 12)),
            "link": "https://bench.example/%d/%d.html" % (feed, number), "date": date, "html": "".join(paragraphs),
        }


def xml(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_feeds(directory, items):
    by_feed = {}
    for item in items:
        by_feed.setdefault(item["feed"], []).append(item)
    for feed, entries in by_feed.items():
        body = "".join(
            "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>\n"
            % (xml(e["title"]), e["link"], e["link"], e["date"].strftime("%a, %d %b %Y %H:%M:%S %z"), xml(e["html"]))
            for e in reversed(entries))
        with open(os.path.join(directory, "feed%d.xml" % feed), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F%d</title>%s</channel></rss>' % (feed, body))


def write_config(directory):
    lines = ["store: archive.sqlite", "timezone: Asia/Shanghai", "fulltext: never", "outputs:", "  - format: site", "    dir: public",
             "    base_url: https://news.example.org/", "    title: 数字化转型观察", "groups:"]
    groups = {}
    for feed in range(FEEDS):
        group, site, channel = SITES[feed % len(SITES)]
        groups.setdefault(group, []).append((site, "%s %d" % (channel, feed), "feed%d.xml" % feed))
    for group, sources in groups.items():
        lines += ["  - name: %s" % group, "    sources:"]
        for site, channel, url in sources:
            lines += ["      - site: %s" % site, "        channel: %s" % channel, "        url: %s" % url]
    path = os.path.join(directory, "newsmill.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def set_aside(directory):
    """Moves an earlier run's folder out of the way, to be deleted after the measurement: on this
    machine's ext4 (no journal) files created within a minute or so of deleting many others pay for it
    (the inode allocator skips recently deleted inodes: `recently_deleted` in perf), which would charge
    the deletion of the old site to the build that follows it."""
    if not os.path.exists(directory):
        return None
    aside = directory + ".old-%d" % os.getpid()
    os.rename(directory, aside)
    return aside


def write_hugo(directory, items):
    aside = set_aside(directory)
    shutil.copytree(THEME, directory)
    posts = os.path.join(directory, "content", "posts")
    os.makedirs(posts)
    for item in items:
        group, site, channel = SITES[item["feed"] % len(SITES)]
        front = "---\ntitle: %s\ndate: %s\ncategories: [%s, %s, %s]\nchannel: %s\nsource: %s\noriginal_url: %s\n---\n\n" % (
            '"%s"' % item["title"], item["date"].isoformat(), group, site, "%s %d" % (channel, item["feed"]),
            '"%s/%s/%s %d"' % (group, site, channel, item["feed"]), site, item["link"])
        with open(os.path.join(posts, "%d.md" % item["number"]), "w", encoding="utf-8") as f:
            f.write(front + item["html"] + "\n")
    return aside


def measure(command, cwd=None):
    """Runs `command` under /usr/bin/time -v: (wall s, cpu s, peak RSS MiB)."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (result.returncode, " ".join(command), result.stderr[-2000:]))
    def field(name):
        return re.search(re.escape(name) + r":\s*(.+)", result.stderr).group(1).strip()
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
    seconds = sum(float(part) * 60 ** index for index, part in enumerate(reversed(wall)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return seconds, cpu, int(field("Maximum resident set size (kbytes)")) / 1024


def count_files(directory, suffix):
    """The site's pages: files with `suffix`, those in hidden folders (the site's own state) left out."""
    count = 0
    for _, folders, files in os.walk(directory):
        folders[:] = [folder for folder in folders if not folder.startswith(".")]
        count += sum(1 for name in files if name.endswith(suffix))
    return count


def incremental(binary, work, config, items):
    """A run with nothing new, then a run with one new story, on the built site. The feeds are cut to their
    newest 20 items first (a real feed's window; the archive keeps the rest), so the runs measure the site's
    incremental work rather than parsing 10,000 feed items."""
    window = {}
    for item in items:
        window.setdefault(item["feed"], []).append(item)
    newest = [item for entries in window.values() for item in entries[-20:]]
    write_feeds(work, newest)
    nothing = measure([binary, "run", "--config", config, "--once", "--quiet"])
    # Each run's new story is 7 minutes newer than the last run's (stories of the same minute would be
    # numbered by their paths in the search index, so a new one could renumber the earlier ones).
    counter = os.path.join(work, "new-stories")
    runs = int(open(counter).read()) + 1 if os.path.exists(counter) else 1
    with open(counter, "w") as f:
        f.write(str(runs))
    rng = random.Random(runs)
    extra = {"feed": 0, "number": len(items), "title": "新增一篇 %s" % cjk(rng, 10), "link": "https://bench.example/0/new-%d.html" % int(datetime.datetime.now().timestamp()),
             "date": items[-1]["date"] + datetime.timedelta(minutes=7 * runs), "html": "<p>%s。</p>" % cjk(rng, 300)}
    write_feeds(work, newest + [extra])
    one = measure([binary, "run", "--config", config, "--once", "--quiet"])
    print("%d stories: a run with nothing new %.2f s wall, %.0f MiB; one new story %.2f s wall, %.2f s CPU, %.0f MiB"
          % (len(items), nothing[0], nothing[2], one[0], one[1], one[2]), flush=True)


def save(path, side, size, numbers, pages, command):
    """Writes one side's numbers beside its work folder, the moment it finishes."""
    record = {"side": side, "stories": size, "wall": numbers[0], "cpu": numbers[1], "rss_mib": numbers[2], "pages": pages,
              "command": " ".join(command), "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
    with open(path + ".part", "w", encoding="utf-8") as f:
        json.dump(record, f, ensure_ascii=False, indent=1)
    os.replace(path + ".part", path)
    print("%d stories: %s %.1f s wall, %.1f s CPU, %.0f MiB peak RSS (%d pages) [saved to %s]"
          % (size, side, numbers[0], numbers[1], numbers[2], pages, path), flush=True)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def run_newsmill(binary, work, size, items, baseline=None):
    """Imports the stories (not measured), deletes the site and measures a full `newsmill build`."""
    folder = os.path.join(work, "newsmill")
    earlier = set_aside(folder)
    os.makedirs(folder)
    write_feeds(folder, items)
    config = write_config(folder)
    imported = measure([binary, "run", "--config", config, "--once", "--quiet"])
    print("%d: import %.1f s wall (not compared)" % (size, imported[0]), flush=True)
    imported_site = set_aside(os.path.join(folder, "public"))
    command = [binary, "build", "--config", config, "--quiet"]
    save(os.path.join(work, "newsmill.json"), "newsmill build", size, measure(command), count_files(os.path.join(folder, "public"), ".html"), command)
    if baseline:
        with open(config, encoding="utf-8") as f:
            text = f.read().replace("    dir: public\n", "    dir: public-baseline\n")
        baseline_config = os.path.join(folder, "baseline.yaml")
        with open(baseline_config, "w", encoding="utf-8") as f:
            f.write(text)
        old = [baseline, "build", "--config", baseline_config, "--quiet"]
        save(os.path.join(work, "baseline.json"), "baseline build", size, measure(old), count_files(os.path.join(folder, "public-baseline"), ".html"), old)
    for aside in (earlier, imported_site):
        if aside:
            shutil.rmtree(aside)
    return folder, config


def run_hugo(work, size, items):
    """Writes the same stories as Hugo posts beside the minimal theme and measures `hugo`."""
    folder = os.path.join(work, "hugo")
    aside = write_hugo(folder, items)
    command = ["hugo", "--quiet", "-s", folder]
    save(os.path.join(work, "hugo.json"), "hugo", size, measure(command), count_files(os.path.join(folder, "public"), ".html"), command)
    if aside:
        shutil.rmtree(aside)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--side", choices=["both", "newsmill", "hugo"], default="both")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release", "release", "newsmill"))
    parser.add_argument("--work", default="/tmp/bench-site")
    parser.add_argument("--baseline-binary", help="an earlier newsmill whose full build is measured beside this one's")
    parser.add_argument("--only-incremental", action="store_true", help="reuse an earlier run's smallest size: only the incremental runs")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    sizes = [int(size) for size in arguments.sizes.split(",")]
    if arguments.only_incremental:
        folder = os.path.join(arguments.work, str(min(sizes)), "newsmill")
        incremental(binary, folder, os.path.join(folder, "newsmill.yaml"), list(stories(min(sizes))))
        return
    for size in sizes:
        work = os.path.join(arguments.work, str(size))
        os.makedirs(work, exist_ok=True)
        items = list(stories(size))
        if arguments.side in ("both", "newsmill"):
            baseline = os.path.abspath(arguments.baseline_binary) if arguments.baseline_binary else None
            folder, config = run_newsmill(binary, work, size, items, baseline)
        if arguments.side in ("both", "hugo"):
            run_hugo(work, size, items)
        # (After a baseline build the archive also has that build's output: the incremental runs are left to --only-incremental.)
        if arguments.side in ("both", "newsmill") and size == min(sizes) and not arguments.baseline_binary:
            incremental(binary, folder, config, items)
    print("\n| stories | newsmill build wall | CPU | peak RSS | pages | Hugo wall | CPU | peak RSS | pages | CPU ratio | RSS ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for size in sizes:
        ours, theirs = load(os.path.join(arguments.work, str(size), "newsmill.json")), load(os.path.join(arguments.work, str(size), "hugo.json"))
        if ours is None or theirs is None:
            print("| %d | %s |" % (size, "newsmill side missing" if ours is None else "Hugo side missing"))
            continue
        print("| %d | %.1f s | %.1f s | %.0f MiB | %d | %.1f s | %.1f s | %.0f MiB | %d | %.2f | %.3f |" % (
            size, ours["wall"], ours["cpu"], ours["rss_mib"], ours["pages"], theirs["wall"], theirs["cpu"], theirs["rss_mib"], theirs["pages"],
            ours["cpu"] / theirs["cpu"], ours["rss_mib"] / theirs["rss_mib"]))
        old = load(os.path.join(arguments.work, str(size), "baseline.json")) if arguments.baseline_binary else None
        if old:
            print("| %d (baseline binary) | %.1f s | %.1f s | %.0f MiB | %d | | | | | %.2f | %.3f |" % (
                size, old["wall"], old["cpu"], old["rss_mib"], old["pages"], old["cpu"] / theirs["cpu"], old["rss_mib"] / theirs["rss_mib"]))


if __name__ == "__main__":
    main()
