// Prints one plain closing line after every jest run, "N passed, N failed, N skipped", so that any
// tool reading the end of the output (CI included) sees the totals in a runner-neutral form.
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    process.stderr.write(`\n${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`);
  }
}
module.exports = PlainSummaryReporter;
