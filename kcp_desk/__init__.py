"""kcp-desk: the desk application of a web hoster's service team."""

__version__ = "0.1.0"
