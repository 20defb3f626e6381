"""Placeholder replaced below."""


def demo_running(plan):
    return None
