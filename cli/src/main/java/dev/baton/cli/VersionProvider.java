package dev.baton.cli;

import picocli.CommandLine;

/** Reports the version the jar was built as. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = BatonCommand.class.getPackage().getImplementationVersion();
    return new String[] {"baton " + (v == null ? "(development build)" : v)};
  }
}
