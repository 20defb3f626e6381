"""Errors supervision services raise, with a message a person can read."""


class SupervisionError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConcurrentUpdate(SupervisionError):
    """Someone else changed the object since it was read; nothing was written."""

    def __init__(self, message: str = "该事项刚刚被其他人修改过，您的修改没有保存。请刷新页面查看最新内容后再操作。"):
        super().__init__(message)
