const { ensurePrerequisites } = require('./prerequisites');

module.exports = async () => {
  await ensurePrerequisites();
};
