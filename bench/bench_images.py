#!/usr/bin/env python3
"""Benchmark of the image derivative engine (generator/core/images), from one run.

    .venv/bin/python bench/bench_images.py                 # 24 images, 2 workers
    .venv/bin/python bench/bench_images.py --images 48 --peers

Makes a deterministic set of photo-like 3000x2000 JPEGs (seeded gradients, shapes, texture and
grain; every fourth one stored on its side with EXIF orientation 6), cached in --dir. Then, for
two jobs -- "site" (the engine's defaults: a full view capped at 2048 plus 1280/640/320) and
"peer" (1280/640/320 only, the job of the scripts in shared/peers) -- it prints:

- cold time of a naive Pillow pipeline making the same files (full decode, exif_transpose,
  LANCZOS from the full image for every width) and of the engine, as a ratio;
- the engine's cold ms per image with 1 and with N workers, and the speed-up;
- a warm rebuild (a new engine on the same cache, as the next build) as a share of cold;
- the peak memory (max RSS of a child process per run) for N and 2N images, site job.

With --peers, also runs the peer pipelines on the same images when their dependencies are
present (see shared/peers/README.md; nothing of theirs is a project dependency).
"""
from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import PIL  # noqa: E402
from PIL import Image, ImageChops, ImageDraw, ImageOps, ImageStat  # noqa: E402

from generator.core.images import ImageEngine, ImageResult, ImageSettings, Where  # noqa: E402
from generator.core.images.derive import draft_width, formats_for, height_for, plan_widths  # noqa: E402
from generator.core.images.opening import open_source  # noqa: E402

IMAGE_SET_VERSION = 1
SIZE = (3000, 2000)
JOBS = {
    "site": ({}, "full view <= 2048 + 1280/640/320"),
    "peer": ({"full_max_width": None}, "1280/640/320 only, as shared/peers"),
}
QUALITY_SAMPLE = 4
GOAL_MS_PER_IMAGE = 75.0
GOAL_SPEEDUP = 1.8
GOAL_WARM_SHARE = 0.02


# --- the image set -------------------------------------------------------------------------

def make_photo(seed: int) -> Image.Image:
    """Photo-like content: smooth colour fields, hard-edged shapes and lines, mid-scale
    texture and fine grain, so that encoders work about as hard as on a real photograph."""
    rnd = random.Random(seed)
    w, h = SIZE
    base = Image.frombytes("RGB", (8, 6), rnd.randbytes(8 * 6 * 3)).resize(SIZE, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(base)
    for _ in range(80):
        x, y, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(10, 300)
        shape = draw.ellipse if rnd.random() < 0.5 else draw.rectangle
        shape((x - r, y - r, x + r, y + r), fill=tuple(rnd.randrange(256) for _ in range(3)))
    for _ in range(60):
        draw.line([(rnd.randrange(w), rnd.randrange(h)) for _ in range(2)],
                  fill=tuple(rnd.randrange(256) for _ in range(3)), width=rnd.randrange(1, 6))
    texture = Image.frombytes("RGB", (w // 6, h // 6), rnd.randbytes(w // 6 * (h // 6) * 3))
    image = Image.blend(base, texture.resize(SIZE, Image.Resampling.BICUBIC), 0.15)
    grain = Image.frombytes("L", SIZE, rnd.randbytes(w * h)).point(lambda v: 128 + (v - 128) // 24)
    return ImageChops.add(image, grain.convert("RGB"), offset=-128)


def write_photo(job: tuple[int, Path]) -> None:
    index, path = job
    image = make_photo(index)
    exif = Image.Exif()
    exif[0x010F] = "BenchCam"
    exif[0x8825] = {1: "N", 2: (26.0, 5.0, 0.0), 3: "E", 4: (107.0, 52.0, 0.0)}
    if index % 4 == 3:  # stored on its side, shown upright by orientation 6
        image = image.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    temp = path.with_suffix(".part")
    image.save(temp, "JPEG", quality=90, exif=exif.tobytes())
    temp.replace(path)


def image_set(directory: Path, count: int) -> Path:
    """A folder holding exactly `count` images (symlinks into the shared pool)."""
    pool = directory / f"pool-v{IMAGE_SET_VERSION}"
    pool.mkdir(parents=True, exist_ok=True)
    wanted = [(i, pool / f"photo-{i:04d}.jpg") for i in range(count)]
    missing = [job for job in wanted if not job[1].exists()]
    if missing:
        print(f"making {len(missing)} test images in {pool} …", flush=True)
        with Pool(os.cpu_count()) as workers:
            workers.map(write_photo, missing)
    folder = directory / f"set-v{IMAGE_SET_VERSION}-{count}"
    folder.mkdir(exist_ok=True)
    for _, path in wanted:
        link = folder / path.name
        if not link.exists():
            link.symlink_to(path)
    return folder


def sources_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jpg"))


# --- runs ----------------------------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    cpu_seconds: float     # all threads of this process: robust when other work shares the machine
    images: int
    output_bytes: int
    outputs: int
    results: list[ImageResult] = field(default_factory=list, repr=False)

    @property
    def ms_per_image(self) -> float:
        return self.seconds / self.images * 1000

    @property
    def cpu_ms_per_image(self) -> float:
        return self.cpu_seconds / self.images * 1000


class Clock:
    def __enter__(self) -> "Clock":
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def run_engine(sources: list[Path], settings: ImageSettings, cache: Path) -> Run:
    with Clock() as clock, ImageEngine(settings, cache) as engine:
        futures = [engine.submit(source, Where(source.name)) for source in sources]
        results = [future.result() for future in futures]
    failed = [r for r in results if not isinstance(r, ImageResult)]
    if failed:
        raise SystemExit(f"engine failed: {failed[0]}")
    return Run(clock.wall, clock.cpu, len(sources), sum(d.bytes for r in results for d in r.derivatives),
               sum(len(r.derivatives) for r in results), results)


def naive_pillow(source: Path, settings: ImageSettings, out: Path) -> tuple[int, int]:
    """What a straightforward script does: decode everything, rotate, resize from the top."""
    # The same widths as the engine (its full view is capped at the JPEG's reduced decode size).
    decoded_width = draft_width(open_source(source.read_bytes(), settings), settings)
    image = ImageOps.exif_transpose(Image.open(source)).convert("RGB")
    image.info = {}
    total = count = 0
    for width in plan_widths(image.width, settings, decoded_width):
        resized = image.resize((width, height_for(width, image.size)), Image.Resampling.LANCZOS)
        for fmt in formats_for(width, settings):  # the same files the engine makes
            data = encode_bytes(resized, fmt, settings)
            (out / f"{source.stem}-{width}.{fmt}").write_bytes(data)
            total, count = total + len(data), count + 1
    return total, count


def run_naive(sources: list[Path], settings: ImageSettings, out: Path) -> Run:
    with Clock() as clock, ThreadPoolExecutor(settings.worker_count) as pool:
        sizes = list(pool.map(lambda s: naive_pillow(s, settings, out), sources))
    return Run(clock.wall, clock.cpu, len(sources), sum(s for s, _ in sizes), sum(n for _, n in sizes))


def psnr(a: Image.Image, b: Image.Image) -> float:
    rms = ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).rms
    mean_square = sum(r * r for r in rms) / len(rms)
    return 10 * math.log10(255 ** 2 / mean_square) if mean_square else 99.0


def quality(sources: list[Path], results: list[ImageResult], settings: ImageSettings) -> dict[str, float]:
    """Mean PSNR against an unencoded LANCZOS resize of the full decode, for the engine's files
    and for the naive pipeline's (which is that same resize, encoded)."""
    scores: dict[str, list[float]] = {"naive": [], "engine": []}
    for source, result in zip(sources, results):
        upright = ImageOps.exif_transpose(Image.open(source)).convert("RGB")
        for derivative in result.derivatives:
            ideal = upright.resize((derivative.width, derivative.height), Image.Resampling.LANCZOS)
            naive = Image.open(io.BytesIO(encode_bytes(ideal, derivative.format, settings)))
            scores["naive"].append(psnr(naive, ideal))
            scores["engine"].append(psnr(Image.open(result.cache_root / derivative.path), ideal))
    return {name: sum(values) / len(values) for name, values in scores.items()}


def encode_bytes(image: Image.Image, fmt: str, settings: ImageSettings) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt.upper(), **settings.encoder_options(fmt))
    return buffer.getvalue()


def peak_memory_mb(folder: Path, workers: int, scratch: Path) -> float:
    """Max RSS of a fresh process that runs the site job cold on `folder`."""
    cache = Path(tempfile.mkdtemp(dir=scratch))
    output = subprocess.run([sys.executable, __file__, "--child-memory", str(folder), "--cache", str(cache),
                             "--workers", str(workers)], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])["max_rss_kb"] / 1024


def child_memory(folder: Path, cache: Path, workers: int) -> None:
    run_engine(sources_in(folder), ImageSettings(workers=workers), cache)
    print(json.dumps({"max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


# --- peers ---------------------------------------------------------------------------------

def peer_scripts() -> Path | None:
    for candidate in (ROOT.parent / "shared/peers", ROOT / "shared/peers", Path("/work/shared/peers")):
        if (candidate / "peer_sharp.mjs").is_file():
            return candidate
    return None


def run_peers(folder: Path, workers: int, scratch: Path, sharp_dir: Path, vips_python: Path,
              repeat: int) -> list[tuple[str, float | None, str]]:
    """(peer, ms per image, note) for each peer pipeline, on the same images, `workers` in flight;
    like ours, the fastest of `repeat` runs."""
    scripts = peer_scripts()
    if scripts is None:
        return [("peers", None, "shared/peers not found")]
    rows: list[tuple[str, float | None, str]] = []
    node = shutil.which("node")
    if node and (sharp_dir / "node_modules/sharp").is_dir():
        env = {**os.environ, "SHARP_DIR": str(sharp_dir)}
        out = scratch / "sharp.json"
        configs = f"cascade_fast:{workers}:1,naive:{workers}:1"
        subprocess.run([node, str(scripts / "peer_sharp.mjs"), str(folder), "--runs", str(repeat),
                        "--configs", configs, "--json", str(out)], check=True, env=env, capture_output=True)
        data = json.loads(out.read_text())
        rows.append(("sharp, decode once, WebP effort 2", *_best(data, f"cascade_fast:{workers}:1")))
        rows.append(("sharp, one pipeline per output, WebP effort 4", *_best(data, f"naive:{workers}:1")))
        if (sharp_dir / "node_modules/@11ty/eleventy-img").is_dir():
            runs = []
            for _ in range(repeat):  # one run per process, into an empty folder (no disk cache)
                target = Path(tempfile.mkdtemp(dir=scratch))
                line = subprocess.run([node, str(scripts / "peer_eleventy.mjs"), str(folder), str(target), str(workers)],
                                      check=True, env=env, capture_output=True, text=True).stdout.strip().splitlines()[-1]
                runs.append(json.loads(line))
            best = min(runs, key=lambda r: r["wall_s"])
            rows.append((f"eleventy-img {best['eleventy_img']}", best["wall_s"] / best["n"] * 1000,
                         _kilobytes(best["avg_out_kb"])))
        else:
            rows.append(("eleventy-img", None, f"not installed in {sharp_dir}"))
    else:
        rows.append(("sharp", None, f"node or {sharp_dir}/node_modules/sharp missing"))
    if vips_python.is_file():
        out = scratch / "vips.json"
        subprocess.run([str(vips_python), str(scripts / "peer_vips.py"), str(folder), "--runs", str(repeat),
                        "--configs", f"cascade_fast:threads:{workers}", "--json", str(out)],
                       check=True, capture_output=True, env={**os.environ, "VIPS_CONCURRENCY": "1"})
        data = json.loads(out.read_text())
        rows.append(("pyvips, decode once, WebP effort 2", *_best(data, f"cascade_fast:threads:{workers}")))
    else:
        rows.append(("pyvips", None, f"{vips_python} missing"))
    return rows


def _best(report: dict, config: str) -> tuple[float, str]:
    """(fastest run in ms per image, output size) of one config of a peer script's JSON report."""
    result = report["configs"][config]
    return min(result["runs"]) / report["n_images"] * 1000, _kilobytes(result["avg_out_kb"])


def _kilobytes(per_output: dict[str, float]) -> str:
    return f"{sum(per_output.values()):.0f} kB out per image"


# --- report --------------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def best_of(repeat: int, measure: Callable[[], Run]) -> Run:
    """The fastest of `repeat` runs: other work on the machine only ever adds time."""
    return min((measure() for _ in range(repeat)), key=lambda run: run.seconds)


def bench_job(name: str, sources: list[Path], overrides: dict, workers: int, scratch: Path, repeat: int) -> dict:
    many = ImageSettings(workers=workers, **overrides)
    one = ImageSettings(workers=1, **overrides)

    def naive_run() -> Run:
        out = Path(tempfile.mkdtemp(dir=scratch))
        try:
            return run_naive(sources, many, out)
        finally:
            shutil.rmtree(out)

    def cold_run(settings: ImageSettings) -> Run:
        return run_engine(sources, settings, Path(tempfile.mkdtemp(dir=scratch)))

    naive = best_of(repeat, naive_run)
    single = best_of(repeat, lambda: cold_run(one))
    cold = best_of(repeat, lambda: cold_run(many))
    warm_cache = cold.results[0].cache_root  # the next build, on the cache that run left
    warm = best_of(repeat, lambda: run_engine(sources, many, warm_cache))
    scores = quality(sources[:QUALITY_SAMPLE], cold.results, many)
    return {"name": name, "naive": naive, "single": single, "cold": cold, "warm": warm, "psnr": scores}


def print_job(job: dict, description: str, workers: int) -> None:
    naive, single, cold, warm = job["naive"], job["single"], job["cold"], job["warm"]
    per_image = cold.outputs // cold.images
    print(f"\njob '{job['name']}': {description}; {per_image} files per image, WebP q80 m2 + JPEG q85")
    print(f"  naive Pillow, {workers} workers          {naive.ms_per_image:7.1f} ms/image   cpu {naive.cpu_ms_per_image:6.1f}   "
          f"({naive.output_bytes / naive.images / 1e3:5.0f} kB out per image)")
    print(f"  engine cold, 1 worker             {single.ms_per_image:7.1f} ms/image   cpu {single.cpu_ms_per_image:6.1f}")
    print(f"  engine cold, {workers} workers            {cold.ms_per_image:7.1f} ms/image   cpu {cold.cpu_ms_per_image:6.1f}   "
          f"({cold.output_bytes / cold.images / 1e3:5.0f} kB out per image)")
    print(f"  speed-up 1 -> {workers} workers            {single.seconds / cold.seconds:7.2f}x")
    print(f"  engine / naive (cold, {workers} workers)   {cold.seconds / naive.seconds:7.2f}")
    print(f"  PSNR vs unencoded LANCZOS of the full decode (first {QUALITY_SAMPLE} images): "
          f"naive {job['psnr']['naive']:.2f} dB, engine {job['psnr']['engine']:.2f} dB")
    print(f"  warm rebuild, {workers} workers          {warm.seconds * 1000:7.1f} ms for {warm.images} images "
          f"= {warm.seconds / cold.seconds:.2%} of cold")


def print_choices(sources: list[Path], scratch: Path, repeat: int) -> None:
    """The measurements behind the defaults: resampling filter and WebP method (1 worker)."""
    def cold(settings: ImageSettings) -> Run:
        return best_of(repeat, lambda: run_engine(sources, settings, Path(tempfile.mkdtemp(dir=scratch))))

    print(f"\nchoices, site job, 1 worker, first {len(sources)} images (ms/image, quality, size):")
    for resample in ("lanczos", "bicubic", "bilinear"):
        settings = ImageSettings(workers=1, resample=resample)
        run = cold(settings)
        score = quality(sources, run.results, settings)["engine"]
        print(f"  resample {resample:9s} {run.ms_per_image:7.1f} ms   PSNR {score:.2f} dB")
    for method in range(0, 5):
        run = cold(ImageSettings(workers=1, formats=("webp",), webp_method=method))
        print(f"  webp method {method}     {run.ms_per_image:7.1f} ms   "
              f"{run.output_bytes / run.images / 1e3:6.0f} kB per image (4 WebP files)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "shui-bench-images")
    parser.add_argument("--jobs", default="site,peer", help="comma-separated: site, peer")
    parser.add_argument("--repeat", type=int, default=1, help="keep the fastest of this many runs of each")
    parser.add_argument("--no-memory", action="store_true", help="skip the two memory runs")
    parser.add_argument("--choices", action="store_true", help="also measure resampling filters and WebP methods")
    parser.add_argument("--peers", action="store_true", help="also run the peer pipelines when installed")
    parser.add_argument("--sharp-dir", type=Path, default=Path("/tmp/peer-sharp"))
    parser.add_argument("--vips-python", type=Path, default=Path("/tmp/peer-vips/bin/python"))
    parser.add_argument("--child-memory", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_memory:
        child_memory(args.child_memory, args.cache, args.workers)
        return

    folder = image_set(args.dir, args.images)
    sources = sources_in(folder)
    for source in sources:  # page cache warm for every run alike
        source.read_bytes()
    rotated = sum(1 for i in range(args.images) if i % 4 == 3)
    print(f"{args.images} JPEGs {SIZE[0]}x{SIZE[1]} ({rotated} with EXIF orientation 6), "
          f"{sum(s.stat().st_size for s in sources) / len(sources) / 1e6:.1f} MB each; Pillow {PIL.__version__}, "
          f"Python {platform.python_version()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="bench-images-") as temp:
        scratch = Path(temp)
        results = {}
        for name in args.jobs.split(","):
            overrides, description = JOBS[name]
            results[name] = bench_job(name, sources, overrides, args.workers, scratch, args.repeat)
            print_job(results[name], description, args.workers)
        if not args.no_memory:
            double = image_set(args.dir, 2 * args.images)
            small = peak_memory_mb(folder, args.workers, scratch)
            large = peak_memory_mb(double, args.workers, scratch)
            print(f"\npeak memory, site job cold, {args.workers} workers (max RSS of a fresh process): "
                  f"{args.images} images {small:.0f} MB, {2 * args.images} images {large:.0f} MB "
                  f"({large / small - 1:+.0%})")
        if args.choices:
            print_choices(sources[:QUALITY_SAMPLE], scratch, args.repeat)
        if args.peers:
            print(f"\npeers on the same {args.images} images, {args.workers} in flight (job 'peer'):")
            ours_run = results.get("peer", next(iter(results.values())))["cold"]
            ours = ours_run.ms_per_image
            print(f"  {'this engine':48s} {ours:7.1f} ms/image                        "
                  f"({ours_run.output_bytes / ours_run.images / 1e3:.0f} kB out per image)")
            for peer, ms, note in run_peers(folder, args.workers, scratch, args.sharp_dir, args.vips_python,
                                            args.repeat):
                if ms is None:
                    print(f"  {peer:48s}  skipped: {note}")
                else:
                    print(f"  {peer:48s} {ms:7.1f} ms/image   engine / peer {ours / ms:5.2f}   ({note})")
    print(f"\nload average now {os.getloadavg()[0]:.2f} (other work on the machine slows the wall times)")
    print("goals (2 workers):")
    for name, job in results.items():
        cold, single, warm = job["cold"], job["single"], job["warm"]
        print(f"  {name}: cold <= {GOAL_MS_PER_IMAGE:.0f} ms/image: {cold.ms_per_image:.1f} {verdict(cold.ms_per_image <= GOAL_MS_PER_IMAGE)}; "
              f"speed-up >= {GOAL_SPEEDUP}: {single.seconds / cold.seconds:.2f} {verdict(single.seconds / cold.seconds >= GOAL_SPEEDUP)}; "
              f"warm <= {GOAL_WARM_SHARE:.0%}: {warm.seconds / cold.seconds:.2%} {verdict(warm.seconds / cold.seconds <= GOAL_WARM_SHARE)}")


if __name__ == "__main__":
    main()
