/** Entry: mounts the app. */
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/styles/base.css';
import './app/styles/home.css';
import './app/styles/layout.css';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');
createRoot(container).render(<App />);
