"""Charts for the year-end summary as PNG bytes: matplotlib on the Agg backend with a CJK font, so no tofu."""

from __future__ import annotations

import io
from functools import cache

import matplotlib

matplotlib.use("Agg")  # no display on a server; must precede pyplot
from matplotlib import font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)


@cache
def cjk_family() -> str:
    """The first CJK font found on this machine, registered with matplotlib; its family name for rcParams."""
    for path in CJK_FONTS:
        try:
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
        except (OSError, RuntimeError):
            continue
    return "sans-serif"


def bar_chart(title: str, labels: list[str], series: list[tuple[str, list[int]]], *, width: float = 6.4) -> bytes:
    """Grouped horizontal bars, one group per label (most plans have ≤ 30 activities; longer lists are cut)."""
    labels = labels[:30]
    family = cjk_family()
    with plt.rc_context({"font.family": family, "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=(width, max(2.0, 0.32 * len(labels) + 1.2)), dpi=110)
        try:
            height = 0.8 / max(len(series), 1)
            for i, (name, values) in enumerate(series):
                ys = [y + i * height for y in range(len(labels))]
                ax.barh(ys, values[: len(labels)], height=height, label=name)
            ax.set_yticks([y + height * (len(series) - 1) / 2 for y in range(len(labels))], labels)
            ax.invert_yaxis()
            ax.set_title(title)
            ax.legend(loc="lower right", fontsize=8)
            fig.tight_layout()
            out = io.BytesIO()
            fig.savefig(out, format="png")
        finally:
            plt.close(fig)
    return out.getvalue()
