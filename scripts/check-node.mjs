// npm scripts must run on the Node 22 that `npm ci` installs (the node@22 devDependency).
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Node ${process.versions.node} is running; this project needs Node 22 or later. Run "npm ci" first: it brings Node 22 into node_modules/.bin, which npm scripts use.`
  );
  process.exit(1);
}
