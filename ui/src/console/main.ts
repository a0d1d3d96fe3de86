import { mount } from 'svelte';
import Console from './Console.svelte';
import { httpConsole } from './http';
import '../app.css';

mount(Console, { target: document.getElementById('app')!, props: { backend: httpConsole } });
