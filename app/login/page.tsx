import { LoginForm } from "@/components/actions/login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only a path on this dashboard: never an absolute URL or a protocol-relative "//host".
  const target = typeof next === "string" && /^\/(?!\/)/.test(next) ? next : "/";
  return <LoginForm next={target} />;
}
