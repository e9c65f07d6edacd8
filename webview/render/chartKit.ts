import { BarController, BarElement, CategoryScale, Chart, LinearScale, PointElement, ScatterController, Tooltip } from 'chart.js';

/**
 * Chart.js with the parts the dashboard draws. A chunk of its own, imported when the dashboard first
 * shows (rr-dashboard.ts): the list's first paint does not wait for it.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, PointElement, ScatterController, Tooltip);

export { Chart };
