// Command-line entry (work in progress).
process.exitCode = 0;
