/**
 * Draws a Swiss cheese model as SVG. Colours and fonts are attributes, not CSS, so the
 * downloaded file looks the same on its own.
 */
import type { Ref } from 'react';
import { CHEESE, type CheeseHole, type CheeseSlice, type SwissCheese } from './swiss-cheese-model.ts';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
export const CHEESE_COLORS = {
  cheese: '#f5c842',
  cheeseEdge: '#9a6b00',
  absent: '#fdf5d8',
  active: '#a3201a',
  latent: '#2f4d6b',
  path: '#1c2430',
  stopped: '#1d6b36',
  incident: '#b42318',
  text: '#1c2430',
  muted: '#556070',
} as const;
const C = CHEESE_COLORS;
const HOLE_RX = 15;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
const HOLE_RY = 21;

function slicePath(x: number): string {
  const { top, sliceHeight: h, sliceWidth: w, skew } = CHEESE;
  return `M${x},${top + skew} L${x + w},${top} L${x + w},${top + h - skew} L${x},${top + h} Z`;
}

/** A torn, jagged outline: an active failure, something that went wrong at the moment. */
export function tearPoints(cx: number, cy: number, rx: number, ry: number, spikes = 7): string {
  const points: string[] = [];
  for (let i = 0; i < spikes * 2; i += 1) {
    const angle = (Math.PI * i) / spikes - Math.PI / 2;
    const r = i % 2 === 0 ? 1 : 0.62;
    points.push(`${(cx + Math.cos(angle) * rx * r).toFixed(1)},${(cy + Math.sin(angle) * ry * r).toFixed(1)}`);
  }
  return points.join(' ');
}

/** The hole as a sub-path, cut out of the slice so the trajectory shows through it. */
function holePath(hole: CheeseHole): string {
  if (hole.failure === 'active') return `M${tearPoints(hole.cx, hole.cy, HOLE_RX + 3, HOLE_RY + 3).replaceAll(' ', ' L')} Z`;
  const { cx, cy } = hole;
  return `M${cx - HOLE_RX},${cy} a${HOLE_RX},${HOLE_RY} 0 1,0 ${2 * HOLE_RX},0 a${HOLE_RX},${HOLE_RY} 0 1,0 ${-2 * HOLE_RX},0 Z`;
}

function Hole({ hole, label }: { hole: CheeseHole; label: string }) {
  const color = hole.failure === 'active' ? C.active : C.latent;
  return (
    <path
      data-hole={hole.failure}
      data-aligned={hole.aligned}
      d={holePath(hole)}
      fill={color}
      fillOpacity={0.14}
      stroke={color}
      strokeWidth={2.5}
      strokeLinejoin="round"
    >
      <title>{label}</title>
    </path>
  );
}

function Slice({ slice }: { slice: CheeseSlice }) {
  const { top, sliceHeight, sliceWidth, labelGap } = CHEESE;
  const cx = slice.x + sliceWidth / 2;
  const labelY = top + sliceHeight + labelGap;
  const absent = slice.state === 'absent';
  const label = `${slice.name}: ${slice.stateLabel}`;
  return (
    <g data-slice={slice.state} data-slice-index={slice.index}>
      <path
        d={slice.hole ? `${slicePath(slice.x)} ${holePath(slice.hole)}` : slicePath(slice.x)}
        fillRule="evenodd"
        fill={absent ? C.absent : C.cheese}
        stroke={C.cheeseEdge}
        strokeWidth={absent ? 1.5 : 1.2}
        strokeDasharray={absent ? '5 4' : undefined}
      >
        <title>{label}</title>
      </path>
      {slice.hole && <Hole hole={slice.hole} label={label} />}
      <text x={cx} y={labelY} textAnchor="middle" fontSize={12} fontWeight={600} fill={C.text}>
        {slice.lines.map((line, i) => (
          <tspan key={i} x={cx} dy={i === 0 ? 0 : 15}>
            {line}
          </tspan>
        ))}
      </text>
      <text x={cx} y={labelY + slice.lines.length * 15 + 2} textAnchor="middle" fontSize={11} fill={C.muted}>
        {slice.stateLines.map((line, i) => (
          <tspan key={i} x={cx} dy={i === 0 ? 0 : 13}>
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}

/** The hazard's path, drawn behind the slices: it shows only between them and through their holes. */
function TrajectoryLine({ model }: { model: SwissCheese }) {
  const path = model.path;
  if (!path) return null;
  const end = path.outcome === 'stopped' ? path.x1 - 2 : path.x1;
  const head = `${end},${path.y} ${end - 13},${path.y - 7} ${end - 13},${path.y + 7}`;
  return (
    <g data-path={path.outcome}>
      <line x1={path.x0} y1={path.y} x2={end - 10} y2={path.y} stroke={C.path} strokeWidth={3} strokeLinecap="round" />
      <polygon points={head} fill={C.path} />
    </g>
  );
}

/** Where the path starts and how it ends, drawn over the slices. */
function TrajectoryMarks({ model }: { model: SwissCheese }) {
  const path = model.path;
  if (!path) return null;
  const { top, sliceWidth } = CHEESE;
  return (
    <g>
      <text x={path.x0} y={path.y - 12} fontSize={12} fontWeight={700} fill={C.text}>
        Hazard
      </text>
      {path.outcome === 'stopped' ? (
        <>
          <line x1={path.x1 + 1} y1={path.y - 16} x2={path.x1 + 1} y2={path.y + 16} stroke={C.stopped} strokeWidth={4} strokeLinecap="round" />
          <text x={path.x1 + sliceWidth / 2} y={top - 12} textAnchor="middle" fontSize={12} fontWeight={700} fill={C.stopped} data-testid="swiss-cheese-outcome">
            {`Stopped by ${shorten(path.stoppedBy ?? '', 32)}`}
          </text>
        </>
      ) : (
        <text x={path.x1 + 8} y={path.y + 4} fontSize={13} fontWeight={700} fill={C.incident} data-testid="swiss-cheese-outcome">
          Incident
        </text>
      )}
    </g>
  );
}

function Legend({ model }: { model: SwissCheese }) {
  const y = model.height - 20;
  const items = [
    { key: 'active', label: 'Active failure', shape: <polygon points={tearPoints(10, y - 4, 9, 11)} fill={C.active} fillOpacity={0.14} stroke={C.active} strokeWidth={2} /> },
    { key: 'latent', label: 'Latent condition', shape: <ellipse cx={10} cy={y - 4} rx={7} ry={9} fill={C.latent} fillOpacity={0.14} stroke={C.latent} strokeWidth={2} /> },
    {
      key: 'absent',
      label: 'Absent defense',
      shape: <rect x={4} y={y - 14} width={14} height={20} fill={C.absent} stroke={C.cheeseEdge} strokeDasharray="4 3" />,
    },
    {
      key: 'held',
      label: 'Defense (held: no hole)',
      shape: <rect x={4} y={y - 14} width={14} height={20} fill={C.cheese} stroke={C.cheeseEdge} />,
    },
  ];
  return (
    <g data-legend="">
      {items.map((item, i) => (
        <g key={item.key} transform={`translate(${16 + i * 150} 0)`}>
          {item.shape}
          <text x={26} y={y} fontSize={11} fill={C.text}>
            {item.label}
          </text>
        </g>
      ))}
    </g>
  );
}

interface Props {
  model: SwissCheese;
  svgRef?: Ref<SVGSVGElement>;
  titleId: string;
  descId: string;
}

/** The diagram: slices in list order, holes, the trajectory and a legend. */
export function CheeseSvg({ model, svgRef, titleId, descId }: Props) {
  return (
    <svg
      ref={svgRef}
      className="picture__svg"
      // Scaled down at most this far, so labels stay legible; the frame scrolls beyond that.
      style={{ minWidth: Math.round(model.width * 0.8) }}
      viewBox={`0 0 ${model.width} ${model.height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      fontFamily={FONT}
      data-testid="swiss-cheese-svg"
    >
      <title id={titleId}>{model.title}</title>
      <desc id={descId}>{model.description}</desc>
      <rect width={model.width} height={model.height} fill="#ffffff" />
      <TrajectoryLine model={model} />
      {model.slices.map((slice) => (
        <Slice key={slice.id || slice.index} slice={slice} />
      ))}
      <TrajectoryMarks model={model} />
      <Legend model={model} />
    </svg>
  );
}
