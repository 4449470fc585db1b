// The demo page: the /demo/ tree (GET /demo), a form that sets a key (PUT /demo/{name}), the changes as they
// arrive (server-sent events from GET /changes, fed by EtcdKeyChangedEvents), and etcd's health.
'use strict';

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function renderNode(node) {
  const item = element('li', node.dir ? node.key + '/' : node.key + ' = ' + node.value);
  item.dataset.key = node.key;
  if (node.dir && node.nodes.length > 0) {
    const children = element('ul');
    node.nodes.forEach((child) => children.appendChild(renderNode(child)));
    item.appendChild(children);
  }
  return item;
}

async function loadTree() {
  const tree = document.getElementById('tree');
  const response = await fetch('demo');
  tree.replaceChildren();
  if (!response.ok) {
    tree.appendChild(element('li', 'could not read /demo: HTTP ' + response.status));
    return;
  }
  const root = await response.json();
  root.nodes.forEach((child) => tree.appendChild(renderNode(child)));
}

async function loadHealth() {
  const response = await fetch('actuator/health');
  const health = await response.json();
  const etcd = (health.components || {}).etcd || { status: 'UNKNOWN', details: {} };
  const status = document.getElementById('health-status');
  status.textContent = etcd.status;
  status.className = etcd.status;
  const details = document.getElementById('health-details');
  details.replaceChildren();
  Object.entries(etcd.details || {}).forEach(([name, value]) => {
    details.appendChild(element('dt', name));
    details.appendChild(element('dd', typeof value === 'object' ? JSON.stringify(value) : String(value)));
  });
}

function listenToChanges() {
  const state = document.getElementById('stream-state');
  const changes = new EventSource('changes');
  changes.onopen = () => { state.textContent = '(live)'; };
  changes.onerror = () => { state.textContent = '(reconnecting)'; };
  changes.addEventListener('change', (message) => {
    const change = JSON.parse(message.data);
    const text = change.type + ' ' + change.key
      + (change.type === 'PUT' ? ' = ' + change.value : '') + ' (revision ' + change.revision + ')';
    const item = element('li', text, change.type);
    item.dataset.key = change.key;
    document.getElementById('changes').prepend(item);
    loadTree();
  });
}

document.getElementById('set-key').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  const name = document.getElementById('key-name').value;
  const value = document.getElementById('key-value').value;
  const result = document.getElementById('set-result');
  const response = await fetch('demo/' + encodeURIComponent(name), {
    method: 'PUT',
    headers: { 'Content-Type': 'text/plain' },
    body: value,
  });
  result.textContent = response.ok ? 'set /demo/' + name : 'failed: HTTP ' + response.status;
});

document.getElementById('refresh-health').addEventListener('click', loadHealth);

listenToChanges();
loadTree();
loadHealth();
