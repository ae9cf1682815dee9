// Preloaded (`node --import`) into a node process of the chaos run to set its clock ahead:
// Date.now() is what the node reads for block timestamps and their checks.
const offset = Number(process.env.CHARTPROOF_TEST_CLOCK_OFFSET_MS ?? 0);
if (Number.isFinite(offset) && offset !== 0) {
  const real = Date.now.bind(Date);
  Date.now = () => real() + offset;
}
