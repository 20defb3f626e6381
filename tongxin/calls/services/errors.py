"""The one error a call's services raise, with a message for the person who caused it."""


class CallError(ValueError):
    pass
