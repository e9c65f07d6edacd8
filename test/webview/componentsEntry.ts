// Everything the component tests mount, registered as in the editor's bundle.
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '../../webview/components/rr-markdown.ts';
import '../../webview/components/rr-word-diff.ts';
import '../../webview/components/rr-ensemble-panel.ts';
import '../../webview/components/rr-critiques-panel.ts';
import '../../webview/components/rr-dashboard.ts';
import '../../webview/components/rr-pair-view.ts';
import '../../webview/components/rr-pair-list.ts';
