#!/usr/bin/env python3
"""`images: archive` benchmark (BENCHMARKS.md, "Site images").

Writes one RSS feed of --stories stories, each showing --per-story PNG images (small real PNGs made here,
--distinct different ones, so many URLs share a copy), serves the feed and the images from a loopback HTTP
server, and measures side by side in the same run, for a site with `images: link` and one with
`images: archive` (fetch.host_delay 0, per_host 8):
  - the first `newsmill run --once` (the archive site downloads every image),
  - --reruns runs with nothing new (the archive site must download nothing),
reporting wall and CPU time (user + sys) and peak RSS from /usr/bin/time, and how many image requests the
server saw after the first run and after the reruns.

Usage: scripts/bench-site-images.py [--stories 1000] [--per-story 5] [--distinct 256] [--reruns 5]
                                    [--binary .build-release/release/newsmill] [--work /tmp/bench-site-images]
Build first: swift build -c release --product newsmill --scratch-path .build-release
"""
import argparse
import functools
import http.server
import os
import re
import shutil
import struct
import subprocess
import threading
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def png(seed):
    """A 4×4 RGB PNG of one colour that depends on `seed`."""
    colour = bytes([(seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256])
    raw = b"".join(b"\x00" + colour * 4 for _ in range(4))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


class Counting(http.server.SimpleHTTPRequestHandler):
    images = 0
    lock = threading.Lock()

    def do_GET(self):
        if self.path.startswith("/img/"):
            with Counting.lock:
                Counting.images += 1
        super().do_GET()

    def log_message(self, *args):
        pass


def timed(binary, arguments, directory):
    result = subprocess.run(["/usr/bin/time", "-f", "TIME %e %U %S %M", binary] + arguments, cwd=directory,
                            capture_output=True, text=True)
    match = re.search(r"TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", result.stderr)
    if result.returncode != 0 or not match:
        raise SystemExit(f"{' '.join(arguments)} in {directory} failed:\n{result.stderr[-2000:]}")
    wall, user, system, peak = match.groups()
    return float(wall), float(user) + float(system), int(peak) / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--per-story", type=int, default=5)
    parser.add_argument("--distinct", type=int, default=256)
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release", "release", "newsmill"))
    parser.add_argument("--work", default="/tmp/bench-site-images")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)

    shutil.rmtree(options.work, ignore_errors=True)
    served = os.path.join(options.work, "served")
    os.makedirs(os.path.join(served, "img"))
    for number in range(options.stories * options.per_story):
        with open(os.path.join(served, "img", f"{number}.png"), "wb") as file:
            file.write(png(number % options.distinct))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=served))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()

    items = []
    for story in range(options.stories):
        images = "".join(f'<p><img src="http://127.0.0.1:{port}/img/{story * options.per_story + k}.png"></p>'
                         for k in range(options.per_story))
        items.append(f"<item><title>基准报道 {story}</title><link>https://bench.example.com/{story}.html</link>"
                     f"<guid>https://bench.example.com/{story}.html</guid>"
                     f"<pubDate>Sat, 23 Jul 2022 {story % 24:02d}:{story % 60:02d}:00 +0800</pubDate>"
                     f"<description><![CDATA[<p>数字化转型报道正文第{story}篇，足够长的一段文字，用来当作摘要和正文。</p>{images}]]>"
                     "</description></item>")
    with open(os.path.join(served, "feed.xml"), "w", encoding="utf-8") as file:
        file.write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>b</title>'
                   "<link>https://bench.example.com/</link><description>d</description>" + "".join(items) + "</channel></rss>")

    sites = {}
    for mode in ("link", "archive"):
        directory = os.path.join(options.work, mode)
        os.makedirs(directory)
        with open(os.path.join(directory, "newsmill.yaml"), "w", encoding="utf-8") as file:
            file.write(f"""store: a.sqlite
fulltext: never
fetch:
  host_delay: 0
  per_host: 8
outputs:
  - format: site
    dir: public
    base_url: https://news.example.org/
    title: 基准
    images: {mode}
groups:
  - name: g
    sources:
      - site: 站
        url: http://127.0.0.1:{port}/feed.xml
""")
        sites[mode] = directory

    run = ["run", "--config", "newsmill.yaml", "--once", "--quiet"]
    print(f"{options.stories} stories × {options.per_story} images ({options.distinct} distinct), loopback server")
    for mode, directory in sites.items():
        wall, cpu, peak = timed(binary, run, directory)
        print(f"first run, images: {mode}: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MiB")
    after_first = Counting.images
    copies = len(os.listdir(os.path.join(sites["archive"], "public", "images")))
    print(f"image requests: {after_first}; copies in images/: {copies}")
    for _ in range(options.reruns):
        for mode, directory in sites.items():
            wall, cpu, peak = timed(binary, run, directory)
            print(f"run with nothing new, images: {mode}: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MiB")
    print(f"image requests during the runs with nothing new: {Counting.images - after_first}")
    server.shutdown()


if __name__ == "__main__":
    main()
