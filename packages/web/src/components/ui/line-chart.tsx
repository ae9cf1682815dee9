/**
 * A small SVG line chart: enough for block intervals and transactions per block, at a fraction
 * of a charting library's weight. The numbers are also given as a table for screen readers.
 */
import Box from '@mui/material/Box';
import { useId } from 'react';

export interface Point {
  x: number;
  y: number;
}

interface LineChartProps {
  title: string;
  points: readonly Point[];
  xLabel: string;
  yLabel: string;
  color?: string;
  height?: number;
}

const W = 600;
const PAD = { l: 44, r: 8, t: 8, b: 28 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / p) * p;
}

export function LineChart({
  title,
  points,
  xLabel,
  yLabel,
  color = '#0b5394',
  height = 180,
}: LineChartProps) {
  const id = useId();
  if (points.length < 2) return <Box sx={{ color: 'text.secondary' }}>{title}: not enough blocks yet.</Box>;
  const xs = points.map((p) => p.x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const yMax = niceMax(Math.max(...points.map((p) => p.y)));
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => height - PAD.b - (y / yMax) * (height - PAD.t - PAD.b);
  const d = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`)
    .join('');
  const ticks = [0, yMax / 2, yMax];
  return (
    <Box component="figure" sx={{ m: 0 }} aria-labelledby={id}>
      <Box component="figcaption" id={id} sx={{ fontWeight: 600, mb: 0.5 }}>
        {title}
      </Box>
      <svg
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title}: ${yLabel} by ${xLabel}`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.l} x2={W - PAD.r} y1={sy(t)} y2={sy(t)} stroke="#d0d4da" strokeWidth={1} />
            <text x={PAD.l - 6} y={sy(t) + 4} textAnchor="end" fontSize={11} fill="#4a4f57">
              {Number.isInteger(t) ? t : t.toFixed(1)}
            </text>
          </g>
        ))}
        <text x={PAD.l} y={height - 8} fontSize={11} fill="#4a4f57">
          {x0}
        </text>
        <text x={W - PAD.r} y={height - 8} fontSize={11} fill="#4a4f57" textAnchor="end">
          {x1}
        </text>
        <text x={(W + PAD.l) / 2} y={height - 8} fontSize={11} fill="#4a4f57" textAnchor="middle">
          {xLabel}
        </text>
        <path d={d} fill="none" stroke={color} strokeWidth={2} />
        {points.map((p) => (
          <circle key={p.x} cx={sx(p.x)} cy={sy(p.y)} r={2.5} fill={color}>
            <title>{`${xLabel} ${p.x}: ${p.y} ${yLabel}`}</title>
          </circle>
        ))}
      </svg>
      <Box component="details" sx={{ fontSize: '0.8rem' }}>
        <summary>Data</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              <th scope="col">{yLabel}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.x}>
                <td>{p.x}</td>
                <td>{p.y}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
    </Box>
  );
}
