export default function X() {
  return <p>todo</p>;
}
