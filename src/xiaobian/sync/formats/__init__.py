"""One module per export format. Each defines ``FORMAT``; ``registry`` lists them in sniffing order."""
