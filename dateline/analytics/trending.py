"""Trending maths: hourly view counts decayed by age. Plain Python, no Django."""

from collections import defaultdict

HALF_LIFE_HOURS = 6.0
WINDOW_HOURS = 48


def trending_scores(hourly_counts, now, half_life_hours=HALF_LIFE_HOURS):
    """Score each story by its views, each hour's views worth half as much every half-life.

    `hourly_counts` is an iterable of (story_id, hour_start, views).
    """
    scores = defaultdict(float)
    for story_id, hour, views in hourly_counts:
        age_hours = max(0.0, (now - hour).total_seconds() / 3600)
        scores[story_id] += views * 0.5 ** (age_hours / half_life_hours)
    return dict(scores)


def top_stories(scores, limit, allowed=None):
    """Story ids by falling score; ties go to the newer (higher) id."""
    ranked = sorted(scores.items(), key=lambda item: (-item[1], -item[0]))
    return [story_id for story_id, _ in ranked if allowed is None or story_id in allowed][:limit]
