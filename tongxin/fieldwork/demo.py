"""Field work demo."""


def running(plan) -> None:
    return None
