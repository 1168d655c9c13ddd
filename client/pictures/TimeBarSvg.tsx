/**
 * Draws the incident time bar as SVG: milestones over a bar whose phases are coloured (the
 * detection gap stands out), timeline entries as ticks, the axis in the viewer's zone, and the
 * time to detect and to recover as brackets. Colours are attributes so a download looks the same.
 */
import type { Ref } from 'react';
import type { Milestone, Span, TimeBar } from './time-bar-model.ts';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const W = 760;
const PAD = 28;
const BAR_Y = 72;
const BAR_H = 22;
const AXIS_Y = 116;
const C = {
  track: '#eef1f5',
  detection: '#c0392b',
  responding: '#f0b44c',
  recovering: '#6fbf8a',
  edge: '#1c2430',
  text: '#1c2430',
  muted: '#556070',
  tick: '#1f4e79',
} as const;

const px = (x: number) => PAD + x * (W - 2 * PAD);

/** A small triangle pointing up at the bar: a timeline entry. */
function tickPath(x: number, y: number): string {
  return `M${x},${y} l5,9 h-10 Z`;
}

function anchorFor(x: number): 'start' | 'middle' | 'end' {
  return x < 0.07 ? 'start' : x > 0.93 ? 'end' : 'middle';
}

/** Layout of the rows below the axis, which depend on what there is to show. */
export function timeBarRows(model: TimeBar): { daysY: number; spansY: number; legendY: number; height: number } {
  const daysY = AXIS_Y + 30;
  const spansY = (model.days.length > 0 ? daysY + 14 : AXIS_Y + 20) + 12;
  const legendY = spansY + model.spans.length * 30 + 8;
  return { daysY, spansY, legendY, height: legendY + 14 };
}

function Phases({ model }: { model: TimeBar }) {
  const at = (key: Milestone['key']) => model.milestones.find((m) => m.key === key);
  const segment = (from: Milestone | undefined, to: Milestone | undefined, fill: string, name: string) =>
    from && to && to.at > from.at ? (
      <rect data-phase={name} x={px(from.x)} y={BAR_Y} width={px(to.x) - px(from.x)} height={BAR_H} fill={fill}>
        <title>{`${name}: ${from.label.toLowerCase()} ${from.time} to ${to.label.toLowerCase()} ${to.time}`}</title>
      </rect>
    ) : null;
  const started = at('started');
  const detected = at('detected');
  const mitigated = at('mitigated');
  const resolved = at('resolved');
  return (
    <g>
      <rect x={PAD} y={BAR_Y} width={W - 2 * PAD} height={BAR_H} rx={4} fill={C.track} />
      {segment(started, detected, C.detection, 'Detection gap')}
      {segment(detected, mitigated ?? resolved, C.responding, 'Responding')}
      {segment(mitigated, resolved, C.recovering, 'Recovering')}
      {model.detectionGap && px(model.detectionGap.x1) - px(model.detectionGap.x0) > 96 && (
        <text
          x={(px(model.detectionGap.x0) + px(model.detectionGap.x1)) / 2}
          y={BAR_Y + 15}
          textAnchor="middle"
          fontSize={11}
          fontWeight={700}
          fill="#ffffff"
        >
          Detection gap
        </text>
      )}
    </g>
  );
}

function MilestoneMark({ m }: { m: Milestone }) {
  const x = px(m.x);
  const nameY = 16 + m.row * 30;
  return (
    <g data-milestone={m.key}>
      <line x1={x} y1={nameY + 18} x2={x} y2={BAR_Y + BAR_H + 4} stroke={C.edge} strokeWidth={1.5} />
      <circle cx={x} cy={BAR_Y + BAR_H / 2} r={5} fill="#ffffff" stroke={C.edge} strokeWidth={2} />
      <text x={x} y={nameY} textAnchor={anchorFor(m.x)} fontSize={12} fontWeight={700} fill={C.text}>
        {m.label}
        <tspan x={x} dy={14} fontWeight={400} fill={C.muted}>
          {m.time}
        </tspan>
      </text>
      <title>{`${m.label} ${m.full}`}</title>
    </g>
  );
}

function Bracket({ span, y }: { span: Span; y: number }) {
  const x0 = px(span.x0);
  const x1 = px(span.x1);
  const text = `${span.label} · ${span.duration}`;
  const textWidth = text.length * 6.6;
  const inside = x1 - x0 >= textWidth + 8;
  const fitsRight = x1 + 8 + textWidth <= W;
  const color = span.key === 'detect' ? '#a3201a' : C.text;
  return (
    <g data-span={span.key}>
      <path d={`M${x0},${y - 5} V${y} H${x1} V${y - 5}`} fill="none" stroke={color} strokeWidth={1.5} />
      <text
        x={inside ? (x0 + x1) / 2 : fitsRight ? x1 + 8 : x0 - 8}
        y={inside ? y + 15 : y + 4}
        textAnchor={inside ? 'middle' : fitsRight ? 'start' : 'end'}
        fontSize={12}
        fontWeight={600}
        fill={color}
      >
        {text}
      </text>
    </g>
  );
}

function Legend({ y }: { y: number }) {
  const items = [
    { label: 'Detection gap', fill: C.detection },
    { label: 'Responding', fill: C.responding },
    { label: 'Recovering', fill: C.recovering },
  ];
  return (
    <g>
      {items.map((item, i) => (
        <g key={item.label} transform={`translate(${PAD + i * 130} ${y})`}>
          <rect x={0} y={-9} width={14} height={10} fill={item.fill} />
          <text x={20} y={0} fontSize={11} fill={C.text}>
            {item.label}
          </text>
        </g>
      ))}
      <path d={tickPath(PAD + 3 * 130 + 7, y - 9)} fill={C.tick} />
      <text x={PAD + 3 * 130 + 16} y={y} fontSize={11} fill={C.text}>
        Timeline entry
      </text>
    </g>
  );
}

interface Props {
  model: TimeBar;
  svgRef?: Ref<SVGSVGElement>;
  titleId: string;
  descId: string;
}

/** The time bar; `model` must not be empty. */
export function TimeBarSvg({ model, svgRef, titleId, descId }: Props) {
  const rows = timeBarRows(model);
  return (
    <svg
      ref={svgRef}
      className="picture__svg"
      viewBox={`0 0 ${W} ${rows.height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      fontFamily={FONT}
      data-testid="time-bar-svg"
    >
      <title id={titleId}>{`Incident time bar, times in ${model.zoneName}`}</title>
      <desc id={descId}>{model.description}</desc>
      <rect width={W} height={rows.height} fill="#ffffff" />
      <Phases model={model} />
      {model.days
        .filter((d) => d.boundary)
        .map((d) => (
          <line key={`b${d.x}`} x1={px(d.x)} y1={BAR_Y - 6} x2={px(d.x)} y2={rows.daysY + 4} stroke={C.muted} strokeDasharray="3 3" />
        ))}
      {model.ticks.map((t) => (
        <path key={t.id || t.number} data-tick={t.number} d={tickPath(px(t.x), BAR_Y + BAR_H + 5)} fill={C.tick}>
          <title>{`Timeline entry ${t.number}, ${t.time}: ${t.text || 'no text yet'}`}</title>
        </path>
      ))}
      <line x1={PAD} y1={AXIS_Y} x2={W - PAD} y2={AXIS_Y} stroke="#c9d0d9" />
      {model.axis.map((a) => (
        <g key={`a${a.x}`}>
          <line x1={px(a.x)} y1={AXIS_Y} x2={px(a.x)} y2={AXIS_Y + 4} stroke={C.muted} />
          <text x={px(a.x)} y={AXIS_Y + 16} textAnchor="middle" fontSize={11} fill={C.muted}>
            {a.label}
          </text>
        </g>
      ))}
      {model.days.map((d) => (
        <text key={`d${d.x}`} x={px(d.x) + (d.boundary ? 4 : 0)} y={rows.daysY} fontSize={11} fontWeight={600} fill={C.text}>
          {d.label}
        </text>
      ))}
      {model.milestones.map((m) => (
        <MilestoneMark key={m.key} m={m} />
      ))}
      {model.spans.map((s, i) => (
        <Bracket key={s.key} span={s} y={rows.spansY + i * 30} />
      ))}
      <Legend y={rows.legendY} />
    </svg>
  );
}
