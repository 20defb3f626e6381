"""tongxin (同心): turn a plan document (方案) into a programme to run, supervise and report on."""

__version__ = "0.1.0"
