"""click shell: parse arguments, call one core function, print the result."""
