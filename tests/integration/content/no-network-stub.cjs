// Stands in for make-fetch-happen in the kill-9 test child: the content verifier passes its own
// directory fetcher to tuf-js, so the HTTP client is never called there; stubbing it only makes
// the short-lived child start faster (its two hundred restarts dominate the test's run time).
module.exports = function fetchUnavailable() {
  throw new Error('network fetch is not available in the kill-9 test child');
};
