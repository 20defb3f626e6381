"""The public face: pages without sign-in that the activity modules build on (layout, QR, captcha, rate limits)."""
