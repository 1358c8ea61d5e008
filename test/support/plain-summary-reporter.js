// Prints one plain closing line at the very end of every jest run, "N passed, N failed, N skipped",
// so that any tool reading the end of the output (CI included) sees the totals in a runner-neutral
// form. Written at process exit, after jest's own summary.
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const line = `${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = PlainSummaryReporter;
