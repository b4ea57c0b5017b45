// The home page: the map alone (the layout draws it).
export default function HomePage() {
  return null;
}
