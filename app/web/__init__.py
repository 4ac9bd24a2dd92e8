"""What the HTML pages are made with: templates, the Content-Security-Policy, the article highlighting,
JSON for responses and pages, and the static assets."""
