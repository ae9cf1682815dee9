/**
 * A small SVG line chart: enough for block intervals and transactions per block, at a fraction
 * of a charting library's weight. Axes carry their units and whole-number ticks; pointing at the
 * chart shows the nearest point's values; the numbers are also a table for screen readers.
 */
import Box from '@mui/material/Box';
import { type PointerEvent, useId, useState } from 'react';
import { wholeTicks } from './chart-ticks';

export interface Point {
  x: number;
  y: number;
}

interface LineChartProps {
  title: string;
  points: readonly Point[];
  /** Axis names with their units: "Block height", "Seconds". */
  xLabel: string;
  yLabel: string;
  /** One point in words, for the tooltip: "Block 41: 1.2 s". */
  tooltipOf: (p: Point) => string;
  color?: string;
  height?: number;
}

const W = 600;
const PAD = { l: 48, r: 12, t: 12, b: 40 };
const INK = '#4a4f57';

export function LineChart({
  title,
  points,
  xLabel,
  yLabel,
  tooltipOf,
  color = '#0b5394',
  height = 200,
}: LineChartProps) {
  const id = useId();
  const [hover, setHover] = useState<number | null>(null);
  if (points.length < 2) return <Box sx={{ color: 'text.secondary' }}>{title}: not enough blocks yet.</Box>;
  const xs = points.map((p) => p.x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const yTicks = wholeTicks(0, Math.max(...points.map((p) => p.y)), 5);
  const yMax = yTicks[yTicks.length - 1]!;
  const xTicks = wholeTicks(x0, x1, 6).filter((t) => t >= x0 && t <= x1);
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => height - PAD.b - (y / yMax) * (height - PAD.t - PAD.b);
  const d = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`)
    .join('');
  const nearest = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * W;
    let best = 0;
    for (let i = 1; i < points.length; i++)
      if (Math.abs(sx(points[i]!.x) - x) < Math.abs(sx(points[best]!.x) - x)) best = i;
    setHover(best);
  };
  const shown = hover === null ? null : points[hover]!;
  return (
    <Box component="figure" sx={{ m: 0, position: 'relative' }} aria-labelledby={id}>
      <Box component="figcaption" id={id} sx={{ fontWeight: 600, mb: 0.5 }}>
        {title}
      </Box>
      <svg
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title}: ${yLabel.toLowerCase()} by ${xLabel.toLowerCase()}`}
        onPointerMove={nearest}
        onPointerDown={nearest}
        onPointerLeave={() => setHover(null)}
        style={{ touchAction: 'pan-y' }}
      >
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={PAD.l} x2={W - PAD.r} y1={sy(t)} y2={sy(t)} stroke="#d0d4da" strokeWidth={1} />
            <text x={PAD.l - 6} y={sy(t) + 4} textAnchor="end" fontSize={12} fill={INK}>
              {t}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} x={sx(t)} y={height - PAD.b + 16} fontSize={12} fill={INK} textAnchor="middle">
            {t}
          </text>
        ))}
        <text x={(W + PAD.l) / 2} y={height - 4} fontSize={12} fill={INK} textAnchor="middle">
          {xLabel}
        </text>
        <text
          transform={`translate(12 ${(height - PAD.b + PAD.t) / 2}) rotate(-90)`}
          fontSize={12}
          fill={INK}
          textAnchor="middle"
        >
          {yLabel}
        </text>
        <path d={d} fill="none" stroke={color} strokeWidth={2} />
        {points.map((p, i) => (
          <circle key={p.x} cx={sx(p.x)} cy={sy(p.y)} r={i === hover ? 5 : 2.5} fill={color} />
        ))}
        {shown !== null && (
          <line
            x1={sx(shown.x)}
            x2={sx(shown.x)}
            y1={PAD.t}
            y2={height - PAD.b}
            stroke={INK}
            strokeDasharray="3 3"
          />
        )}
      </svg>
      {shown !== null && (
        <Box
          role="tooltip"
          sx={{
            position: 'absolute',
            top: 28,
            left: `${Math.min(70, Math.max(0, (sx(shown.x) / W) * 100 - 15))}%`,
            bgcolor: 'grey.900',
            color: 'common.white',
            px: 1,
            py: 0.5,
            borderRadius: 1,
            fontSize: '0.8rem',
            pointerEvents: 'none',
            whiteSpace: 'nowrap',
          }}
        >
          {tooltipOf(shown)}
        </Box>
      )}
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
