"""The measured texts: for one item, per network and per suggested text, what its shares
brought (shares, sharers, clicks, visitors, how much people rewrote it) with a Wilson
interval, so comms staff see which texts work and which to retire.

Two queries whatever the number of shares and clicks: the item's texts, and its shares with
their click totals (`selectors.click_totals`: raw clicks still kept plus the daily counts
past retention, bots and bursts left out). One item has at most one share per person and
network, so the shares are few enough to add up here.

The proportion measured is "shares that brought at least one visitor": one yes/no per share,
and each share is a different person's post, so shares are independent trials and a binomial
interval is honest. Clicks per share are not a proportion (one share can bring dozens, and
one keen visitor many), so they are shown but not given an interval.

The rule of five: figures of a text shared by fewer than five people are withheld, and so
are as many others of the network as it takes that the network's total minus the shown texts
never points at fewer than five people (`ambassadors.models.suppressed_parts`).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from ambassadors.models import MINIMUM_GROUP, Network, suppressed_parts

from .models import ContentItem, Share, TextVariant
from .selectors import click_totals

# The normal quantile of a two-sided 95% interval.
Z95 = 1.959963984540054

BETTER = "better"
WORSE = "worse"
UNCLEAR = "unclear"


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion (0–1); None without trials (nothing known).

    Unlike the plain "p ± z·se" it stays within 0 and 1 and stays wide for a few trials or
    a proportion near 0 or 1 (five shares of which five brought visitors is not "100%")."""
    if trials <= 0:
        return None
    if not 0 <= successes <= trials:
        raise ValueError(f"{successes} successes in {trials} trials")
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Figures:
    """What a group of shares (one text's, one network's) brought."""

    shares: int = 0
    clicks: int = 0
    visitors: int = 0
    reached: int = 0  # shares that brought at least one visitor
    edited: int = 0
    sharer_ids: set[int] = field(default_factory=set)
    rewrites: list[int] = field(default_factory=list)
    # The rule of five holds it back (too few people, or so a smaller group can't be
    # worked out from the network's total).
    withheld: bool = False

    def add(self, share: Share) -> None:
        self.shares += 1
        self.sharer_ids.add(share.user_id)
        self.clicks += share.human_clicks
        self.visitors += share.visitors
        self.reached += share.visitors > 0
        self.edited += share.edited
        if share.rewritten is not None:
            self.rewrites.append(share.rewritten)

    def __iadd__(self, other: Figures) -> Figures:
        self.shares += other.shares
        self.clicks += other.clicks
        self.visitors += other.visitors
        self.reached += other.reached
        self.edited += other.edited
        self.sharer_ids |= other.sharer_ids
        self.rewrites += other.rewrites
        return self

    @property
    def sharers(self) -> int:
        return len(self.sharer_ids)

    @property
    def none(self) -> bool:
        """No shares yet: nothing to show, no interval."""
        return self.shares == 0

    @property
    def shown(self) -> bool:
        return not self.none and not self.withheld and self.sharers >= MINIMUM_GROUP

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.reached, self.shares) if self.shown else None

    @property
    def interval_percent(self) -> tuple[int, int] | None:
        found = self.interval
        return (round(found[0] * 100), round(found[1] * 100)) if found else None

    @property
    def interval_width(self) -> int:
        """The range's width in percentage points, at least 1 so the bar stays visible."""
        found = self.interval_percent
        return max(found[1] - found[0], 1) if found else 0

    @property
    def protects_others(self) -> bool:
        """Five or more people, withheld only so that a smaller group can't be worked out."""
        return self.withheld and self.sharers >= MINIMUM_GROUP

    @property
    def reached_percent(self) -> int | None:
        return round(100 * self.reached / self.shares) if self.shown else None

    @property
    def clicks_per_share(self) -> float | None:
        return round(self.clicks / self.shares, 1) if self.shown else None

    @property
    def edited_percent(self) -> int | None:
        return round(100 * self.edited / self.shares) if self.shown else None

    @property
    def median_rewritten(self) -> int | None:
        """The middle "rewritten %" of the shares that started from a suggested text."""
        if not self.shown or not self.rewrites:
            return None
        return round(statistics.median(self.rewrites))


@dataclass
class VariantRow:
    variant: TextVariant
    figures: Figures
    verdict: str = ""  # BETTER / WORSE than the network's other texts, UNCLEAR, or nothing


@dataclass
class NetworkFigures:
    network: str
    rows: list[VariantRow]
    total: Figures  # every share of the item on this network
    without_text: Figures  # shares that started from no text of this network

    @property
    def label(self) -> str:
        return Network(self.network).label


def compare(mine: Figures, others: Figures) -> str:
    """BETTER or WORSE only when the two 95% intervals do not overlap; UNCLEAR when they do;
    nothing when either has no interval."""
    a, b = mine.interval, others.interval
    if a is None or b is None:
        return ""
    if a[0] > b[1]:
        return BETTER
    if a[1] < b[0]:
        return WORSE
    return UNCLEAR


def variant_figures(item: ContentItem) -> list[NetworkFigures]:
    """Per network the item has texts or shares for (in the networks' order), its texts in
    their order (retired ones too) with what their shares brought. Two queries."""
    variants = sorted(item.variants.all(), key=lambda v: (v.sort_order or 0, v.pk))
    by_variant = {variant.pk: Figures() for variant in variants}
    by_network: dict[str, Figures] = {}
    shares = (
        Share.objects.filter(item=item)
        .annotate(**click_totals())
        .only("pk", "user_id", "network", "variant_id", "edited", "rewritten")
        .order_by()
    )
    for share in shares:
        figures = by_variant.get(share.variant_id)
        if figures is None:
            figures = by_network.setdefault(share.network, Figures())
        figures.add(share)
    networks = []
    for network in Network.values:
        mine = [v for v in variants if v.network == network]
        without_text = by_network.get(network, Figures())
        if not mine and without_text.none:
            continue
        # The rule of five over the network's parts: its texts and the shares without one.
        parts = {v.pk: by_variant[v.pk].sharers for v in mine}
        parts[None] = without_text.sharers
        hidden = suppressed_parts(parts)
        without_text.withheld = None in hidden
        total = Figures()
        total += without_text
        rows = []
        for variant in mine:
            figures = by_variant[variant.pk]
            figures.withheld = variant.pk in hidden
            total += figures
            rows.append(VariantRow(variant=variant, figures=figures))
        for row in rows:
            others = Figures()
            for other in rows:
                if other is not row:
                    others += other.figures
            row.verdict = compare(row.figures, others)
        networks.append(
            NetworkFigures(network=network, rows=rows, total=total, without_text=without_text)
        )
    return networks
