import './styles.css';
import { Api } from './api';
import { App } from './app';
import { ChatClient } from './chat';

let app: App | null = null;
const chat = new ChatClient((status) => app?.setConnectionStatus(status));
app = new App(document, { api: new Api(), chat });
void app.start();
