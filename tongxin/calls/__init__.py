"""Calls for submissions (献一策, essays, micro-videos, photos): blind review, decisions and awards."""
