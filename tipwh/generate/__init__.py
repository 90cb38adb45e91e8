"""Synthetic, realistic source exports for every feed, deterministic for a seed.

``generate(month, out_dir, seed, scale, history_months)`` writes one landing folder per feed
and returns a manifest of what it wrote. Everything derives from one ``random.Random(seed)``,
so the same arguments give byte-identical files.
"""

from tipwh.generate.run import GenerationResult, generate

__all__ = ["GenerationResult", "generate"]
