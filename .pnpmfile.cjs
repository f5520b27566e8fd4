// pnpm hooks (https://pnpm.io/pnpmfile).
module.exports = {
  hooks: {
    /**
     * What `pnpm pack` and `pnpm publish` write as a tarball's package.json (pnpm >= 10.28).
     * An installer needs neither field, and the devDependencies name private @mlb/* workspace
     * packages (e.g. the ones whose types @mlb/client inlines into its declarations).
     */
    beforePacking(pkg) {
      delete pkg.devDependencies;
      delete pkg.scripts;
      return pkg;
    },
  },
};
