// The load test measures throughput and memory, and the secret test redirects the console: both need
// the process to themselves, so the classes of this assembly run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
